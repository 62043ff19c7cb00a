package io.sluice.smtp.server;

import java.util.concurrent.atomic.LongAdder;

/** Connection counters of one listener; cheap to update from many threads. */
public final class ServerStatistics {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    void connectionAccepted() {
        accepted.increment();
    }

    /** A connection counted as accepted got no thread after all: it is refused instead. */
    void acceptedButRefused() {
        accepted.decrement();
        refused.increment();
    }

    void connectionRefused() {
        refused.increment();
    }

    /** A session ended because the client was silent, too slow, or did not read its replies. */
    public void sessionTimedOut() {
        timedOut.increment();
    }

    /** Connections that got a session since the listener started. */
    public long acceptedConnections() {
        return accepted.sum();
    }

    /** Connections turned away with 421 because the server was full. */
    public long refusedConnections() {
        return refused.sum();
    }

    /** Sessions closed for a timeout: waiting for a command or for data, or writing to a client that did not read. */
    public long timedOutSessions() {
        return timedOut.sum();
    }
}
