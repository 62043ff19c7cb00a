package io.sluice.mime;

import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;

/**
 * RFC 2047 encoded words ({@code =?UTF-8?Q?...?=}) in header field values and file names, decoded
 * in one place for the analysis, the rewriter, the header filters and the quarantine's views.
 */
public final class EncodedWords {

    private EncodedWords() {
    }

    /**
     * The value unfolded and decoded. A word in a charset Java does not know, or one that is
     * broken, stays as it came: the text is never lost because part of it cannot be decoded.
     */
    public static String decode(String raw) {
        String unfolded = MimeUtility.unfold(raw);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }
}
