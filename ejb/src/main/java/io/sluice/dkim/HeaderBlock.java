package io.sluice.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a message's header section (RFC 5322 §2.1) from a stream, field by field, up to the empty
 * line that ends it, and leaves the stream at the first octet of the body. The header section is the
 * only part held in memory, and never more than {@code limit} octets of it; the body is read
 * afterwards, once, by whoever hashes it.
 */
public final class HeaderBlock {

    /** The header section is longer than the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("the header section is longer than " + limit + " octets");
        }
    }

    /** The same limit as the scanner's header section, so what it can see, this can too. */
    public static final int DEFAULT_LIMIT = 1024 * 1024;

    private final List<HeaderField> fields;

    private HeaderBlock(List<HeaderField> fields) {
        this.fields = fields;
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /**
     * Reads the header fields from {@code in}, which must support nothing more than {@code read()}:
     * it is read one octet at a time, so pass a buffered stream. A line without a colon that is not
     * a fold keeps its place as a field with an empty name, which no signature can select.
     */
    public static HeaderBlock read(InputStream in, int limit) throws IOException {
        List<HeaderField> fields = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        StringBuilder field = null;
        int total = 0;
        while (true) {
            line.reset();
            int c;
            int previous = -1;
            boolean crlf = false;
            while ((c = in.read()) >= 0) {
                if (++total > limit) {
                    throw new TooLarge(limit);
                }
                if (c == '\n' && previous == '\r') {
                    crlf = true;
                    break;
                }
                line.write(c);
                previous = c;
            }
            byte[] bytes = line.toByteArray();
            int length = crlf ? bytes.length - 1 : bytes.length;
            String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            if (length == 0 && (crlf || c < 0)) {
                break; // the empty line, or the end of a message that is all header
            }
            if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && field != null) {
                field.append("\r\n").append(text);
            } else {
                if (field != null) {
                    fields.add(field(field.toString()));
                }
                field = new StringBuilder(text);
            }
            if (!crlf) {
                break; // the content ended without CRLF
            }
        }
        if (field != null) {
            fields.add(field(field.toString()));
        }
        return new HeaderBlock(List.copyOf(fields));
    }

    private static HeaderField field(String raw) {
        int colon = raw.indexOf(':');
        return colon <= 0 ? new HeaderField("", raw) : new HeaderField(raw.substring(0, colon).strip(), raw);
    }
}
