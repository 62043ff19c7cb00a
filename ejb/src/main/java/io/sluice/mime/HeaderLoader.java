package io.sluice.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.util.LineInputStream;
import jakarta.mail.util.StreamProvider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Reads a header section into {@link InternetHeaders} exactly as {@link InternetHeaders#load} does,
 * but with a {@link StreamProvider} looked up once. {@code InternetHeaders.load} looks the provider
 * up on every call ({@code StreamProvider.provider()}, a {@code ServiceLoader} walk over the
 * deployment's module resources inside WildFly), which cost more than a fifth of the gateway's CPU
 * time per message. The provider is stateless, so one instance serves every thread.
 */
public final class HeaderLoader {

    private static final StreamProvider STREAMS = StreamProvider.provider();

    /**
     * Whether a line of blanks ends a header section, as it does for Jakarta Mail when the system
     * property {@code mail.mime.ignorewhitespacelines} is set: asked of Jakarta Mail itself, once.
     */
    private static final boolean IGNORE_WHITESPACE_LINES = blankLineEndsHeader();

    private HeaderLoader() {
    }

    /** The header fields at the start of {@code in}, which is left just after the empty line. */
    public static InternetHeaders load(InputStream in, boolean allowUtf8) throws MessagingException {
        InternetHeaders headers = new Loaded();
        load(headers, in, allowUtf8);
        return headers;
    }

    /**
     * Header fields that start with no field at all, as {@code new InternetHeaders(in)} does; the
     * public no-argument constructor starts with empty places for the common fields instead, which
     * would put added fields in another order.
     */
    private static final class Loaded extends InternetHeaders {
        Loaded() {
            headers = new ArrayList<>(40);
        }
    }

    /**
     * Adds the header fields read from {@code in} to {@code headers}: the same lines, folded the
     * same way, as {@code headers.load(in, allowUtf8)} (Jakarta Mail 2.1) would add.
     */
    static void load(InternetHeaders headers, InputStream in, boolean allowUtf8) throws MessagingException {
        LineInputStream lines = STREAMS.inputLineStream(in, allowUtf8);
        String previous = null; // the last line read, not yet added: a continuation may follow
        StringBuilder folded = new StringBuilder(); // a field with its continuation lines so far
        boolean first = true;
        String line;
        try {
            do {
                line = lines.readLine();
                if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    if (previous != null) {
                        folded.append(previous);
                        previous = null;
                    }
                    if (first) {
                        // a continuation line before any field: kept as a field if it has content
                        String trimmed = line.trim();
                        if (!trimmed.isEmpty()) {
                            folded.append(trimmed);
                        }
                    } else {
                        if (folded.length() > 0) {
                            folded.append("\r\n");
                        }
                        folded.append(line);
                    }
                } else {
                    if (previous != null) {
                        headers.addHeaderLine(previous);
                    } else if (folded.length() > 0) {
                        headers.addHeaderLine(folded.toString());
                        folded.setLength(0);
                    }
                    previous = line;
                }
                first = false;
            } while (line != null && !isEmpty(line));
        } catch (IOException e) {
            throw new MessagingException("Error in input stream", e);
        }
    }

    private static boolean blankLineEndsHeader() {
        try {
            // a line of one blank between two fields: a continuation line, or (ignored) the end
            byte[] probe = "A: a\r\n \r\nB: b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            return new InternetHeaders(new ByteArrayInputStream(probe)).getHeader("B") == null;
        } catch (MessagingException e) {
            throw new IllegalStateException("Jakarta Mail cannot read a header from memory", e);
        }
    }

    private static boolean isEmpty(String line) {
        return line.isEmpty() || (IGNORE_WHITESPACE_LINES && line.trim().isEmpty());
    }
}
