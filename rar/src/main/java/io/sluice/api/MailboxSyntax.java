package io.sluice.api;

/**
 * The mailbox grammar of RFC 5321 §4.1.2 (ASCII): {@code Local-part "@" (Domain / address-literal)},
 * with the length limits of §4.5.3.1 (local part 64, domain 255 octets). Shared by the SMTP engine
 * and the admin API's validation, so both accept exactly the same addresses.
 */
public final class MailboxSyntax {

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private MailboxSyntax() {
    }

    public static boolean isValid(String mailbox) {
        int at = at(mailbox);
        if (at < 0) {
            return false;
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        return local.length() <= 64 && isLocalPart(local)
                && (domain.startsWith("[") ? isAddressLiteral(domain) : isDomain(domain));
    }

    /**
     * The mailbox grammar of RFC 6531 §3.3 (SMTPUTF8): as {@link #isValid}, with UTF-8 characters
     * allowed in the local part and internationalized domain names (U-labels, checked by IDNA).
     */
    public static boolean isValidUtf8(String mailbox) {
        int at = at(mailbox);
        if (at < 0) {
            return false;
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            return false;
        }
        if (!isLocalPart(asciiShape(local))) {
            return false;
        }
        if (domain.startsWith("[")) {
            return isAddressLiteral(domain);
        }
        try {
            return isDomain(java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The text with every non-ASCII character (RFC 6531's UTF8-non-ascii, which counts as atext and
     * qtext) replaced by an ASCII letter, so that the ASCII grammar can check it.
     */
    static String asciiShape(String s) {
        if (isAscii(s)) {
            return s;
        }
        return s.codePoints().map(c -> c >= 0x80 && !Character.isISOControl(c) ? 'x' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Where the "@" between a non-empty local part and domain is, or -1. */
    static int at(String mailbox) {
        int at = mailbox.lastIndexOf('@');
        return at <= 0 || at == mailbox.length() - 1 ? -1 : at;
    }

    /** Whether the text is all ASCII. */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) { // a loop: every address of every command passes here
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isLocalPart(String s) {
        return s.startsWith("\"") ? isQuotedString(s) : isDotString(s);
    }

    /** Dot-string = Atom *("." Atom) */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !isAlnum(c) && ATEXT_SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Quoted-string = DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE */
    private static boolean isQuotedString(String s) {
        if (s.length() < 2 || !s.endsWith("\"")) {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= s.length() - 1 || s.charAt(i) < 32 || s.charAt(i) > 126) {
                    return false;
                }
            } else if (c == '"' || c < 32 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] */
    public static boolean isDomain(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isLabel(String s, int from, int to) {
        if (to <= from || to - from > 63 || !isAlnum(s.charAt(from)) || !isAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** address-literal = "[" ( IPv4 / "IPv6:" IPv6 / tag ":" dcontent ) "]" (checked for shape) */
    static boolean isAddressLiteral(String s) {
        if (s.length() < 3 || !s.endsWith("]")) {
            return false;
        }
        String body = s.substring(1, s.length() - 1);
        if (body.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return body.length() > 5 && body.substring(5).chars().allMatch(c -> c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0);
        }
        if (body.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            String[] parts = body.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        int colon = body.indexOf(':');
        return colon > 0 && colon < body.length() - 1
                && body.chars().allMatch(c -> c >= 33 && c <= 126 && c != '[' && c != '\\' && c != ']');
    }

    private static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
