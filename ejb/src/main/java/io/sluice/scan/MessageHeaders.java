package io.sluice.scan;

import io.sluice.api.MessageContent;
import io.sluice.mime.EncodedWords;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The top-level header of a message, read and parsed the first time something asks for it, and
 * only then. Changes made to {@link #parsed()} show in what is relayed.
 */
public final class MessageHeaders {

    private final MessageContent content;
    private HeaderSection section;
    private InternetHeaders headers;

    public MessageHeaders(MessageContent content) {
        this.content = content;
    }

    public HeaderSection section() {
        if (section == null) {
            try {
                section = HeaderSection.read(content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled message", e);
            }
        }
        return section;
    }

    public InternetHeaders parsed() {
        if (headers == null) {
            headers = section().parse();
        }
        return headers;
    }

    /** Every value of the field, unfolded, undecoded. */
    public List<String> values(String name) {
        String[] values = parsed().getHeader(name);
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.length; i++) { // a loop, not a stream: the spam rules ask this many times per message
            values[i] = MimeUtility.unfold(values[i]);
        }
        return List.of(values);
    }

    /** The Subject, decoded from RFC 2047 encoded words; empty when there is none. */
    public String subject() {
        String raw = parsed().getHeader("Subject", null);
        if (raw == null) {
            return "";
        }
        return EncodedWords.decode(raw);
    }
}
