package io.sluice.smtp;

import io.sluice.api.MailboxSyntax;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of MAIL and RCPT: {@code FROM:<reverse-path> [parameters]} and
 * {@code TO:<forward-path> [parameters]} (RFC 5321 §4.1.1.2, §4.1.1.3, §4.1.2).
 *
 * <p>Leniency is limited to what real clients send and cannot be misread: spaces after the colon
 * and between parameters. Angle brackets are required. A source route ({@code <@a,@b:user@c>}) is
 * accepted and dropped, as §4.1.1.3 asks.
 *
 * @param address    the mailbox, without brackets; empty for the null reverse-path
 * @param parameters the ESMTP parameters, keyword upper-cased, value {@code null} when absent
 */
public record PathArgument(String address, Map<String, String> parameters) {

    /** Why an argument was refused: its keyword/brackets, the address, or a parameter. */
    public enum Problem { SYNTAX, ADDRESS, PARAMETER, NON_ASCII }

    /** A refused argument; cheap, as it carries no stack trace. */
    public static final class Invalid extends Exception {
        private final Problem problem;

        Invalid(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * @param keyword        "FROM:" or "TO:"
     * @param nullPathAllowed whether {@code <>} is valid (for MAIL)
     * @param postmasterAllowed whether the bare {@code <Postmaster>} is valid (for RCPT, §4.1.1.3)
     */
    public static PathArgument parse(String argument, String keyword, boolean nullPathAllowed, boolean postmasterAllowed)
            throws Invalid {
        return parse(argument, keyword, nullPathAllowed, postmasterAllowed, false);
    }

    /**
     * @param utf8 whether a non-ASCII address is allowed (RCPT in an SMTPUTF8 transaction); for MAIL
     *             the SMTPUTF8 parameter allows it
     */
    public static PathArgument parse(String argument, String keyword, boolean nullPathAllowed, boolean postmasterAllowed,
                                     boolean utf8) throws Invalid {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new Invalid(Problem.SYNTAX, "missing " + keyword);
        }
        int i = keyword.length();
        while (i < argument.length() && argument.charAt(i) == ' ') {
            i++;
        }
        if (i >= argument.length() || argument.charAt(i) != '<') {
            throw new Invalid(Problem.SYNTAX, "address must be in angle brackets");
        }
        int close = closingBracket(argument, i + 1);
        String path = argument.substring(i + 1, close);
        String address = stripSourceRoute(path);
        if (address.isEmpty()) {
            if (!nullPathAllowed) {
                throw new Invalid(Problem.ADDRESS, "null path not allowed here");
            }
        }
        Map<String, String> parameters = parameters(argument, close + 1);
        if (!address.isEmpty() && !(postmasterAllowed && address.equalsIgnoreCase("postmaster"))) {
            if (MailboxSyntax.isAscii(address)) {
                if (!MailboxSyntax.isValid(address)) {
                    throw new Invalid(Problem.ADDRESS, "bad address " + address);
                }
            } else if (!(utf8 || parameters.containsKey("SMTPUTF8"))) {
                throw new Invalid(Problem.NON_ASCII, "non-ASCII address without SMTPUTF8");
            } else if (!MailboxSyntax.isValidUtf8(address)) {
                throw new Invalid(Problem.ADDRESS, "bad address " + address);
            }
        }
        return new PathArgument(address, parameters);
    }

    /** Finds the '>' that ends the path, skipping quoted strings in the local part. */
    private static int closingBracket(String s, int from) throws Invalid {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '>') {
                return i;
            } else if (c == '<') {
                throw new Invalid(Problem.ADDRESS, "unexpected '<'");
            }
        }
        throw new Invalid(Problem.SYNTAX, "missing '>'");
    }

    /** {@code @a,@b:user@c} becomes {@code user@c}; the route itself must be well formed. */
    private static String stripSourceRoute(String path) throws Invalid {
        if (!path.startsWith("@")) {
            return path;
        }
        int colon = path.indexOf(':');
        if (colon < 0) {
            throw new Invalid(Problem.ADDRESS, "bad source route");
        }
        for (String hop : path.substring(0, colon).split(",", -1)) {
            if (hop.length() < 2 || hop.charAt(0) != '@' || !MailboxSyntax.isDomain(hop.substring(1))) {
                throw new Invalid(Problem.ADDRESS, "bad source route");
            }
        }
        String mailbox = path.substring(colon + 1);
        if (mailbox.isEmpty()) {
            throw new Invalid(Problem.ADDRESS, "bad source route");
        }
        return mailbox;
    }

    private static Map<String, String> parameters(String s, int from) throws Invalid {
        if (from == s.length()) {
            return Map.of();
        }
        if (s.charAt(from) != ' ') {
            throw new Invalid(Problem.SYNTAX, "garbage after address");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String token : s.substring(from).trim().split(" +")) {
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : token.substring(eq + 1);
            if (!isKeyword(key) || (value != null && !isValue(value))) {
                throw new Invalid(Problem.PARAMETER, "bad parameter syntax " + token);
            }
            if (params.containsKey(key)) {
                throw new Invalid(Problem.PARAMETER, "duplicate parameter " + key);
            }
            params.put(key, value);
        }
        return params;
    }

    /** esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-") */
    private static boolean isKeyword(String k) {
        if (k.isEmpty() || !isAlnum(k.charAt(0))) {
            return false;
        }
        for (int i = 1; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!isAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** esmtp-value = 1*(%d33-60 / %d62-126) */
    private static boolean isValue(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
