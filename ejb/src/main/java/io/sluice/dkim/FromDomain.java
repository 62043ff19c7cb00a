package io.sluice.dkim;

import java.util.List;
import java.util.Locale;

/**
 * The author's domain (RFC 7489 §3.1: RFC5322.From): the domain of the one address of the one
 * From field. A message with no From, several From fields or several authors has none: DMARC
 * cannot apply one policy to it, and a signer has no single domain to sign for.
 */
public final class FromDomain {

    private FromDomain() {
    }

    /** The domain in lower case, or null. */
    public static String of(List<HeaderField> header) {
        HeaderField from = null;
        for (HeaderField f : header) {
            if (f.is("From")) {
                if (from != null) {
                    return null;
                }
                from = f;
            }
        }
        return from == null ? null : ofValue(from.value());
    }

    /** The domain of a From field's value, or null. */
    public static String ofValue(String value) {
        String address = null;
        int depth = 0;          // comment nesting
        boolean quoted = false;
        int angle = -1;
        StringBuilder bare = new StringBuilder();
        int addresses = 1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(' -> depth++;
                case '<' -> angle = i;
                case '>' -> {
                    if (angle >= 0) {
                        address = value.substring(angle + 1, i);
                        angle = -1;
                    }
                }
                case ',' -> addresses++;
                default -> {
                    if (angle < 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                        bare.append(c);
                    }
                }
            }
        }
        if (addresses != 1) {
            return null;
        }
        if (address == null) {
            address = bare.toString();
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String domain = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() || !domain.chars().allMatch(ch -> ch > ' ' && ch != '@' && ch != '<' && ch != '>' && ch != '[')
                ? null : domain;
    }
}
