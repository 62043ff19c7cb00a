package io.sluice.api;

/**
 * The message listener the inbound resource adapter delivers to: the gateway's decision points in
 * an SMTP session. Each call is synchronous and its return value is the reply the client gets.
 *
 * <p>Call order within one connection: for each transaction, {@link #recipient} once for every
 * syntactically valid RCPT (in order, never concurrently), then {@link #message} once after the
 * client's end of data if at least one recipient was accepted. Calls for different connections run
 * concurrently. Arguments are immutable snapshots; {@link MessageContent} must not be used after
 * the call returns. A call that throws makes the client see a 451 temporary failure.
 */
public interface SmtpListener {

    /**
     * RCPT TO: whether {@code recipient} joins {@code transaction} (whose recipient list holds the
     * ones accepted before it, and whose policy is that of the first of them). A 2xx reply accepts
     * it; any other reply is sent to the client as is.
     */
    RecipientDecision recipient(Transaction transaction, Recipient recipient);

    /**
     * End of data: decide about and deliver the message. The client is told the reply, so a 2xx
     * may only be returned once the message is safe (relayed and accepted downstream, or durably
     * stored).
     */
    Reply message(Transaction transaction, MessageContent content);

    /**
     * A new connection, before the greeting: whether to take it ({@code fromSameAddress} and
     * {@code total} count it) and with which session limits. A listener that does not limit
     * connections leaves this as it is.
     */
    default ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        return ConnectDecision.ACCEPT;
    }

    /**
     * AUTH (RFC 4954): checks a user's credentials. 235 accepts them, 535 refuses them, 454 means
     * they could not be checked now (the client gets this 454 as it is, so its text can say why);
     * the password must not be kept or logged. A listener that cannot check credentials leaves
     * this as it is: every AUTH is a temporary failure.
     */
    default Reply authenticate(ClientInfo client, String user, String password) {
        return AuthReplies.TEMPORARY_FAILURE;
    }
}
