package io.sluice.scan;

import io.sluice.api.MessageContent;
import io.sluice.mime.HeaderLoader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The top-level header of a received message, read from the start of its content up to the empty
 * line that ends it (RFC 5322 §2.1), never more than {@link #MAX_SIZE} octets of it.
 *
 * @param raw        the header octets including the empty line (or all content, if it has none)
 * @param bodyOffset where the body starts in the content
 * @param complete   false when the header section was longer than {@link #MAX_SIZE}
 */
public record HeaderSection(byte[] raw, long bodyOffset, boolean complete) {

    static final int MAX_SIZE = 1024 * 1024;

    public static HeaderSection read(MessageContent content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (InputStream in = content.openStream()) {
            byte[] buf = new byte[8192];
            int state = 0; // octets of CRLF CRLF seen so far; a header that is empty starts with CRLF
            long offset = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    offset++;
                    state = switch (state) {
                        case 0 -> b == '\r' ? 1 : 0;
                        case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
                        case 2 -> b == '\r' ? 3 : 0;
                        case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
                        default -> state;
                    };
                    if (offset == 2 && state == 2) {
                        state = 4; // content begins with an empty line: no header at all
                    }
                    if (state == 4) {
                        out.write(buf, 0, i + 1);
                        return new HeaderSection(out.toByteArray(), offset, true);
                    }
                }
                if (out.size() + n > MAX_SIZE) {
                    return new HeaderSection(out.toByteArray(), out.size(), false);
                }
                out.write(buf, 0, n);
            }
        }
        return new HeaderSection(out.toByteArray(), out.size(), true);
    }

    public InternetHeaders parse() {
        try {
            return HeaderLoader.load(new ByteArrayInputStream(raw), true);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot parse a header section read from memory", e);
        }
    }
}
