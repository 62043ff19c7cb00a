package io.sluice.smtp;

import io.sluice.api.Reply;

/**
 * A command or parameter refused with {@link #reply()}; cheap, as it carries no stack trace. When
 * {@link #endsSession()} the session cannot go on after it (a BDAT whose size is unknown).
 */
public final class Refusal extends Exception {

    private final transient Reply reply;
    private final boolean endsSession;

    public Refusal(Reply reply) {
        this(reply, false);
    }

    public Refusal(Reply reply, boolean endsSession) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
        this.endsSession = endsSession;
    }

    public Reply reply() {
        return reply;
    }

    public boolean endsSession() {
        return endsSession;
    }
}
