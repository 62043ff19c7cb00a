package io.sluice.action;

import io.sluice.mime.EncodedWords;
import io.sluice.policy.ActionSpec;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;
import java.util.List;

/**
 * Applies a policy's header changes to a message's top-level header with Jakarta Mail's
 * {@link InternetHeaders}, which keeps every untouched field exactly as it was. The body is not
 * parsed or touched at all.
 */
public final class HeaderEditor {

    private HeaderEditor() {
    }

    public static void apply(InternetHeaders headers, List<ActionSpec> edits) {
        for (ActionSpec a : edits) {
            switch (a.type()) {
                case ADD_HEADER -> headers.addHeader(a.header(), encode(a.value()));
                case REMOVE_HEADER -> headers.removeHeader(a.header());
                case TAG_SUBJECT -> tagSubject(headers, a.text());
                default -> throw new IllegalArgumentException("not a header change: " + a.type());
            }
        }
    }

    /** Puts the tag in front of the subject unless it is there already (a message tagged twice reads badly). */
    private static void tagSubject(InternetHeaders headers, String tag) {
        String raw = headers.getHeader("Subject", null);
        String subject = raw == null ? "" : EncodedWords.decode(raw);
        if (subject.startsWith(tag)) {
            return;
        }
        headers.setHeader("Subject", encode(tag + subject));
    }

    /** RFC 2047 encoded words only when the text is not plain ASCII. */
    private static String encode(String text) {
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(text, "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 unsupported", e);
        }
    }
}
