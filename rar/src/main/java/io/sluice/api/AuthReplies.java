package io.sluice.api;

/**
 * The AUTH replies (RFC 4954 §6) on both sides of the adapter: the engine sends them to clients,
 * the listener returns them as its verdict and the relay turns the mail server's answer into them,
 * so their text exists once.
 */
public final class AuthReplies {

    public static final Reply SUCCEEDED = Reply.of(ReplyCode.AUTHENTICATION_SUCCEEDED,
            EnhancedStatus.AUTHENTICATION_SUCCEEDED, "Authentication successful");
    public static final Reply FAILED = Reply.of(ReplyCode.AUTHENTICATION_FAILED, EnhancedStatus.CREDENTIALS_INVALID,
            "Error: authentication failed");
    public static final Reply TEMPORARY_FAILURE = Reply.of(ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE,
            EnhancedStatus.TEMPORARY_POLICY, "Temporary authentication failure");

    private AuthReplies() {
    }

    /** A temporary failure that says why (the mail server offers no AUTH PLAIN, refused the client's identity). */
    public static Reply temporaryFailure(String why) {
        return Reply.of(ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE, EnhancedStatus.TEMPORARY_POLICY,
                TEMPORARY_FAILURE.text() + ": " + why);
    }
}
