package io.sluice.api;

/**
 * Enhanced mail system status codes (RFC 3463, registry of RFC 5248) used by the gateway, named
 * by meaning. The first digit is the class and must agree with the reply code it accompanies.
 */
public final class EnhancedStatus {

    // 2.x.x success
    public static final String OK = "2.0.0";
    public static final String SENDER_OK = "2.1.0";
    public static final String DESTINATION_OK = "2.1.5";
    public static final String CANNOT_VERIFY = "2.5.0";
    /** RFC 4954 §6: with 235. */
    public static final String AUTHENTICATION_SUCCEEDED = "2.7.0";

    // 4.x.x persistent transient failure
    public static final String TEMPORARY_FAILURE = "4.0.0";
    public static final String SYSTEM_ERROR = "4.3.0";
    public static final String SYSTEM_NOT_ACCEPTING = "4.3.2";
    public static final String NO_ANSWER_FROM_HOST = "4.4.1";
    public static final String CONNECTION_TIMEOUT = "4.4.2";
    public static final String TOO_MANY_RECIPIENTS = "4.5.3";
    public static final String TEMPORARY_POLICY = "4.7.0";
    /** Delivery not authorized now (a rate limit). */
    public static final String TEMPORARY_NOT_AUTHORIZED = "4.7.1";

    // 5.x.x permanent failure
    public static final String PERMANENT_FAILURE = "5.0.0";
    /** What a client cancelled (AUTH "*"). */
    public static final String CANCELLED = "5.0.0";
    public static final String BAD_DESTINATION_SYNTAX = "5.1.3";
    public static final String BAD_SENDER_SYNTAX = "5.1.7";
    public static final String MESSAGE_TOO_BIG = "5.3.4";
    /** RFC 3030 §3: the next hop cannot take the message's content (binary MIME) as it is. */
    public static final String CONVERSION_NOT_SUPPORTED = "5.6.3";
    /** RFC 6531 §3.5: a non-ASCII address without SMTPUTF8, or to a server that does not take it. */
    public static final String NON_ASCII_ADDRESS = "5.6.7";
    public static final String INVALID_COMMAND = "5.5.1";
    public static final String SYNTAX_ERROR = "5.5.2";
    public static final String INVALID_ARGUMENTS = "5.5.4";
    public static final String POLICY_REFUSED = "5.7.1";
    public static final String SECURITY_REQUIRED = "5.7.0";
    /** RFC 4954 §6: with 535. */
    public static final String CREDENTIALS_INVALID = "5.7.8";
    /** RFC 4954 §6: with 538. */
    public static final String ENCRYPTION_REQUIRED = "5.7.11";
    /** RFC 8689 §5: the message asks for REQUIRETLS and the next hop cannot honour it. */
    public static final String REQUIRETLS_NEEDED = "5.7.30";

    private EnhancedStatus() {
    }

    /**
     * Whether {@code s} is an enhanced status code, class "." subject "." detail (RFC 3463 §2): a
     * class of 2, 4 or 5, then one to three digits twice. Checked by hand, not with an expression,
     * since every reply line read from the mail server asks.
     */
    public static boolean isWellFormed(String s) {
        if (s.length() < 5 || "245".indexOf(s.charAt(0)) < 0 || s.charAt(1) != '.') {
            return false;
        }
        int dot = digits(s, 2); // the end of the subject
        if (dot == 2 || dot > 5 || dot == s.length() || s.charAt(dot) != '.') {
            return false;
        }
        int end = digits(s, dot + 1); // the end of the detail
        return end == s.length() && end > dot + 1 && end <= dot + 4;
    }

    /** Where the run of ASCII digits from {@code from} ends. */
    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The generic status of a reply code's class, for replies that arrive without one. */
    public static String genericFor(int replyCode) {
        return switch (replyCode / 100) {
            case 2 -> OK;
            case 4 -> TEMPORARY_FAILURE;
            case 5 -> PERMANENT_FAILURE;
            default -> null;
        };
    }
}
