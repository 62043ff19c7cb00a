package io.sluice.smtp;

import io.sluice.api.Reply;

import java.util.Locale;
import java.util.Set;

/**
 * The delivery status notification parameters of RFC 3461, checked for form only: the gateway
 * sends no notifications itself (it never bounces), it passes them on to the mail server.
 */
public final class DsnParameters {

    private static final Set<String> NOTIFY = Set.of("SUCCESS", "FAILURE", "DELAY");

    private DsnParameters() {
    }

    /** MAIL's RET and ENVID; {@code null} when acceptable, else the refusal. */
    public static Reply checkMail(String key, String value) {
        return switch (key) {
            case "RET" -> "FULL".equalsIgnoreCase(value) || "HDRS".equalsIgnoreCase(value) ? null
                    : Replies.badParameter("RET must be FULL or HDRS");
            case "ENVID" -> value != null && value.length() <= 100 && isXtext(value) ? null
                    : Replies.badParameter("ENVID must be xtext of at most 100 characters");
            default -> Replies.unsupportedParameter(key);
        };
    }

    /** RCPT's NOTIFY and ORCPT; {@code null} when acceptable, else the refusal. */
    public static Reply checkRcpt(String key, String value) {
        switch (key) {
            case "NOTIFY" -> {
                if (value == null) {
                    return Replies.badParameter("NOTIFY needs NEVER or SUCCESS, FAILURE, DELAY");
                }
                String[] items = value.toUpperCase(Locale.ROOT).split(",");
                boolean never = items.length == 1 && items[0].equals("NEVER");
                boolean valid = never || java.util.Arrays.stream(items).allMatch(NOTIFY::contains);
                return valid ? null : Replies.badParameter("NOTIFY needs NEVER or SUCCESS, FAILURE, DELAY");
            }
            case "ORCPT" -> {
                int semi = value == null ? -1 : value.indexOf(';');
                return semi > 0 && value.length() <= 500 && isXtext(value.substring(semi + 1)) ? null
                        : Replies.badParameter("ORCPT must be addr-type;xtext");
            }
            default -> {
                return Replies.unsupportedParameter(key);
            }
        }
    }

    /** RFC 3461 §4: printable ASCII but "+" and "=", with "+XX" escapes. */
    static boolean isXtext(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }
}
