package io.sluice.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tag=value list (RFC 6376 §3.2), the syntax of DKIM-Signature, of the key records, of the ARC
 * header fields and of DMARC records. Each tag keeps where its value lies in the text, so that a
 * signature's {@code b=} value can be blanked exactly where it stands (§3.5) while every other
 * octet, folding included, stays as it was signed.
 *
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC           ; ALNUMPUNC = ALPHA / DIGIT / "_"
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]   ; tval = 1*VALCHAR, VALCHAR = %x21-3A / %x3C-7E
 * </pre>
 * A duplicate tag is an error (§3.2). Values are returned without the whitespace around them.
 */
public final class TagList {

    /** A tag's value and the span [start, end) of the value in the text (end == start for an empty value). */
    public record Tag(String value, int start, int end) {
    }

    /** The text is not a tag list. */
    public static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private final Map<String, Tag> tags;

    private TagList(Map<String, Tag> tags) {
        this.tags = tags;
    }

    /** Parses {@code text} (octets as ISO-8859-1 characters). */
    public static TagList parse(String text) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (true) {
            i = skipFws(text, i);
            if (i >= n) {
                break; // empty list or a trailing ";"
            }
            int nameStart = i;
            if (!isAlpha(text.charAt(i))) {
                throw new SyntaxException("a tag name must begin with a letter at " + i);
            }
            while (i < n && (isAlpha(text.charAt(i)) || isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            String name = text.substring(nameStart, i);
            i = skipFws(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new SyntaxException("tag " + name + " has no '='");
            }
            i = skipFws(text, i + 1);
            int valueStart = i;
            int valueEnd = i;
            while (i < n && text.charAt(i) != ';') {
                char c = text.charAt(i);
                if (isFwsChar(c)) {
                    i++;
                    continue;
                }
                if (c < 0x21 || c > 0x7e) {
                    throw new SyntaxException("tag " + name + " has a character outside VALCHAR");
                }
                i++;
                valueEnd = i;
            }
            if (tags.putIfAbsent(name, new Tag(text.substring(valueStart, valueEnd), valueStart, valueEnd)) != null) {
                throw new SyntaxException("tag " + name + " appears twice");
            }
            if (i >= n) {
                break;
            }
            i++; // ';'
        }
        return new TagList(Collections.unmodifiableMap(tags));
    }

    public String get(String name) {
        Tag t = tags.get(name);
        return t == null ? null : t.value();
    }

    public Tag tag(String name) {
        return tags.get(name);
    }

    public boolean has(String name) {
        return tags.containsKey(name);
    }

    /** The first tag's name, or null for an empty list. */
    public String firstName() {
        return tags.isEmpty() ? null : tags.keySet().iterator().next();
    }

    public Map<String, Tag> all() {
        return tags;
    }

    /** The value with every FWS removed, as base64 values are read (§3.5: "b=" and "bh="). */
    public static String compact(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isFwsChar(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int skipFws(String s, int i) {
        while (i < s.length() && isFwsChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Folding white space, accepted loosely (a CR or LF that is not part of a fold has been refused at the SMTP level). */
    static boolean isFwsChar(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
