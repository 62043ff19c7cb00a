package io.sluice.time;

import java.time.Duration;

/**
 * The gateway's waits that are part of what it does (a notification tried again later, a database
 * waited for), so that a test can see each wait asked for and let it pass at once instead of
 * sleeping. The SMTP engine in the resource adapter has its own, as it depends on nothing here.
 */
@FunctionalInterface
public interface Pauser {

    /** Blocks the calling thread for the duration: what the server does. */
    Pauser SLEEP = d -> Thread.sleep(d.toMillis());

    /** Returns after {@code duration}, or sooner with {@link InterruptedException}. */
    void pause(Duration duration) throws InterruptedException;
}
