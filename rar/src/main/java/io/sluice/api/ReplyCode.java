package io.sluice.api;

/** SMTP reply codes (RFC 5321 §4.2.2, §4.2.3), by what they mean. */
public final class ReplyCode {

    public static final int HELP = 214;
    public static final int SERVICE_READY = 220;
    public static final int CLOSING = 221;
    /** RFC 4954 §6. */
    public static final int AUTHENTICATION_SUCCEEDED = 235;
    public static final int OK = 250;
    public static final int CANNOT_VERIFY = 252;
    /** RFC 4954 §4: a challenge, to which the client answers with one line. */
    public static final int AUTH_CHALLENGE = 334;
    public static final int START_MAIL_INPUT = 354;

    public static final int SERVICE_NOT_AVAILABLE = 421;
    /** Requested action not taken, try again later (a rate limit, say). */
    public static final int ACTION_NOT_TAKEN_TEMPORARILY = 450;
    public static final int LOCAL_ERROR = 451;
    public static final int INSUFFICIENT_STORAGE = 452;
    /** RFC 4954 §6: the client may try AUTH again later. */
    public static final int TEMPORARY_AUTHENTICATION_FAILURE = 454;

    public static final int SYNTAX_ERROR = 500;
    public static final int PARAMETER_SYNTAX_ERROR = 501;
    public static final int NOT_IMPLEMENTED = 502;
    public static final int BAD_SEQUENCE = 503;
    public static final int PARAMETER_NOT_IMPLEMENTED = 504;
    public static final int AUTHENTICATION_REQUIRED = 530;
    /** RFC 4954 §6: authentication credentials invalid. */
    public static final int AUTHENTICATION_FAILED = 535;
    /** RFC 4954 §6: the mechanism needs an encrypted session. */
    public static final int ENCRYPTION_REQUIRED = 538;
    public static final int MAILBOX_UNAVAILABLE = 550;
    public static final int EXCEEDED_STORAGE = 552;
    public static final int MAILBOX_NAME_NOT_ALLOWED = 553;
    public static final int TRANSACTION_FAILED = 554;
    public static final int PARAMETERS_NOT_RECOGNIZED = 555;

    private ReplyCode() {
    }
}
