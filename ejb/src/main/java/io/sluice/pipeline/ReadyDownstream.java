package io.sluice.pipeline;

/**
 * Readies a downstream session for the message's client before the scan, so that the mail
 * server's answers to XCLIENT and the EHLO after it come in while the message is scanned instead
 * of after: on a small message those two round trips are a good part of the time the client waits
 * for its reply. Only an idle pooled session is taken, never one that would have to be connected
 * or waited for, and only for a message small enough to scan quickly, since the session is held
 * until the delivery (or given back unused when the message is not delivered).
 */
final class ReadyDownstream implements EndOfDataStep {

    /** Beyond this size the scan takes long enough that holding a session through it costs more than it saves. */
    static final long MAX_SIZE = 1024 * 1024;

    private final MessageRelay relay;

    ReadyDownstream(MessageRelay relay) {
        this.relay = relay;
    }

    @Override
    public void apply(EndOfData m) {
        if (m.message.size() <= MAX_SIZE) {
            m.readied(relay.ready(m.tx));
        }
    }
}
