package io.sluice.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field exactly as it arrived: its name and all its octets up to, not including, the
 * CRLF that ends it (folds included). Octets are kept as ISO-8859-1 characters, one char per
 * octet, so UTF-8 (RFC 6532) and 8-bit octets pass through canonicalisation unchanged.
 */
public record HeaderField(String name, String raw) {

    /** From a whole field, "Name: value" with any folds, without its final CRLF. */
    public static HeaderField of(String raw) {
        int colon = raw.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a header field: no name before ':'");
        }
        String name = raw.substring(0, colon);
        // RFC 5322 allows no space before the colon; older mail has it, and relaxed canonicalisation removes it
        return new HeaderField(name.strip(), raw);
    }

    /** The field name as header selection compares it (case-insensitively). */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Everything after the first ':'. */
    public String value() {
        return raw.substring(raw.indexOf(':') + 1);
    }

    public byte[] bytes() {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    public boolean is(String fieldName) {
        return name.equalsIgnoreCase(fieldName);
    }
}
