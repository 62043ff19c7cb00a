package io.sluice.time;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits seen by a test: each one asked for is recorded; it passes at once unless the test holds
 * pauses, then each waits until the test lets it go.
 */
public final class TestPauser implements Pauser {

    private final List<Duration> asked = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Duration> started = new LinkedBlockingQueue<>();
    private final Semaphore releases = new Semaphore(0);
    private volatile boolean holding;

    /** From now on each pause waits for {@link #release()}. */
    public void hold() {
        holding = true;
    }

    /** Lets one held pause end. */
    public void release() {
        releases.release();
    }

    /** Lets every pause pass at once from now on, a held one too. */
    public void releaseAll() {
        holding = false;
        releases.release(Integer.MAX_VALUE / 2);
    }

    /** Every pause asked for so far, in order. */
    public List<Duration> asked() {
        return List.copyOf(asked);
    }

    /** Waits until the next pause is asked for (or was) and returns its length. */
    public Duration awaitPause() throws InterruptedException {
        Duration d = started.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no pause within 5 s; pauses so far: " + asked);
        }
        return d;
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        asked.add(duration);
        started.add(duration);
        if (holding) {
            releases.acquire();
        }
    }
}
