package io.sluice.scan;

/**
 * A text part, decoded: transfer encoding undone, charset applied, HTML reduced to its text.
 *
 * @param path        where it sits in the MIME tree
 * @param contentType "text/plain" or "text/html"
 * @param text        the text, at most {@link ScanLimits#maxTextChars()} characters
 */
public record TextPart(String path, String contentType, String text) {
}
