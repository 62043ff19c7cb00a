package io.sluice.api;

/**
 * A handle on one pooled SMTP session with the downstream mail server. Not thread safe: one caller
 * at a time, then {@link #close()}, which returns the session to the pool (reset) or, after a
 * failure, has the pool destroy it.
 *
 * <p>A pooled session never carries one client's identity into another client's transaction: when
 * the session it holds cannot be made to act for the next client (or, for the gateway's own mail,
 * acted for any client), the handle replaces it with a fresh one before sending anything.
 */
public interface RelayConnection extends AutoCloseable {

    /**
     * Asks the downstream whether it would accept the probe's one recipient from its sender, for its
     * client (XCLIENT/XFORWARD as for a relayed message): {@code MAIL}, {@code RCPT}, {@code RSET}.
     * Returns the RCPT reply (or the MAIL reply if MAIL was refused, or a 451 when the session could
     * not act for the client).
     */
    Reply verifyRecipient(RelayEnvelope probe) throws RelayException;

    /**
     * Checks credentials with the downstream's own AUTH on a separate, short-lived session (a
     * pooled session must not turn into a user's), acting for {@code client} (XCLIENT) first when the
     * downstream offers it: its reply, 235 when they are good.
     */
    Reply authenticate(ClientOrigin client, String user, String password) throws RelayException;

    /** The extensions the downstream listed in EHLO (keywords, upper case). */
    java.util.Set<String> extensions() throws RelayException;

    /**
     * Starts making the session act for {@code client} (XCLIENT) without waiting for the mail
     * server, so that its round trips overlap the caller's work until {@link #send}; {@link #advance}
     * takes it further as replies come in. Never fails: a session that breaks here is replaced when
     * it is next used.
     */
    void readyFor(ClientOrigin client);

    /** Takes a {@link #readyFor} as far as the replies already received allow, without waiting. */
    void advance();

    /** Relays one message (pipelined when the downstream offers PIPELINING); see {@link RelayResult}. */
    RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException;

    @Override
    void close();
}
