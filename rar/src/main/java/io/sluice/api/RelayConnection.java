package io.sluice.api;

/**
 * A handle on one pooled SMTP session with the downstream mail server. Not thread safe: one caller
 * at a time, then {@link #close()}, which returns the session to the pool (reset) or, after a
 * failure, has the pool destroy it.
 */
public interface RelayConnection extends AutoCloseable {

    /**
     * Asks the downstream whether it would accept {@code recipient}: {@code MAIL FROM:<>},
     * {@code RCPT TO}, {@code RSET}. Returns the RCPT reply (or the MAIL reply if MAIL was refused).
     */
    Reply verifyRecipient(String recipient) throws RelayException;

    /**
     * Checks credentials with the downstream's own AUTH on a separate, short-lived session (a
     * pooled session must not turn into a user's): its reply, 235 when they are good.
     */
    Reply authenticate(String user, String password) throws RelayException;

    /** The extensions the downstream listed in EHLO (keywords, upper case). */
    java.util.Set<String> extensions() throws RelayException;

    /** Relays one message (pipelined when the downstream offers PIPELINING); see {@link RelayResult}. */
    RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException;

    @Override
    void close();
}
