package io.sluice.smtp;

import java.time.Duration;

/**
 * The waits that are part of the engine's behaviour: the greeting pause that catches early
 * talkers, the delay before the reply that ends a session with too many errors, and the delay
 * before a failed AUTH is answered. They go through this so that a test can see each one asked
 * for (and hold it, or let it pass at once) instead of measuring wall-clock time.
 */
@FunctionalInterface
public interface Pauser {

    /** Blocks the calling thread for the duration: what the server does. */
    Pauser SLEEP = d -> Thread.sleep(d.toMillis());

    /** Returns after {@code duration}, or sooner with {@link InterruptedException}. */
    void pause(Duration duration) throws InterruptedException;
}
