package io.sluice.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The message listener the inbound resource adapter delivers to: the gateway's decision points in
 * an SMTP session, one method per {@link Phase}. Each call is synchronous; its {@link Decision}
 * is carried out by the engine, which turns it into the client's reply.
 *
 * <p>Call order within one connection: {@link #connect} first; {@link #helo} at each HELO/EHLO;
 * {@link #authenticate} at AUTH; for each transaction {@link #mail} once, {@link #recipient} once
 * for every syntactically valid RCPT (in order, never concurrently), then {@link #message} once
 * after the client's end of data if at least one recipient was accepted. Calls for different
 * connections run concurrently. Arguments are immutable snapshots; {@link MessageContent} must not
 * be used after the call returns. A call that throws or answers nothing makes the client see a 451
 * temporary failure.
 *
 * <p>{@link #helo} and {@link #mail} are only called when {@link #phases()} names them (the
 * others always are: skipping AUTH would let anyone in): each call into a container costs, so a
 * listener that does not decide there says so.
 */
public interface SmtpListener {

    /**
     * RCPT TO: whether {@code recipient} joins {@code transaction} (whose recipient list holds the
     * ones accepted before it). An accept's attributes join the transaction's.
     */
    Decision recipient(Transaction transaction, Recipient recipient);

    /**
     * End of data: decide about and deliver the message. An accept is only returned once the
     * message is safe (relayed and accepted downstream, or durably stored); its reply should
     * carry the queue id.
     */
    Decision message(Transaction transaction, MessageContent content);

    /**
     * A new connection, before the greeting: whether to take it ({@code fromSameAddress} and
     * {@code total} count it) and with which session limits. A listener that does not limit
     * connections leaves this as it is.
     */
    default ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        return ConnectDecision.ACCEPT;
    }

    /** HELO/EHLO, with the name the client gave ({@link ClientInfo#helo()}). */
    default Decision helo(ClientInfo client) {
        return Decision.ACCEPT;
    }

    /** MAIL FROM: whether the transaction may open (its queue id is assigned, no recipient yet). */
    default Decision mail(Transaction transaction) {
        return Decision.ACCEPT;
    }

    /**
     * AUTH (RFC 4954): checks a user's credentials. An accept lets the user in; a rejection is
     * "535 5.7.8" for the client; a temporary failure passes its 454 on as it is (so its text can
     * say why) and any other 4xx as the engine's 454. The password must not be kept or logged. A
     * listener that cannot check credentials leaves this as it is: every AUTH is a temporary failure.
     */
    default Decision authenticate(ClientInfo client, String user, String password) {
        return Decision.temporaryFailure(AuthReplies.TEMPORARY_FAILURE);
    }

    /** The phases this listener decides at; the engine skips its calls at HELO and MAIL when not named. */
    default Set<Phase> phases() {
        return EnumSet.allOf(Phase.class);
    }
}
