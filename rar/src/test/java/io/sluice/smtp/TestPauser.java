package io.sluice.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The engine's waits, seen by a test: each one asked for is recorded and moves the test clock on by
 * its length. It passes at once unless the test holds pauses, then each waits for {@link #release()}.
 */
final class TestPauser implements Pauser {

    private final TestClock clock;
    private final List<Duration> asked = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Duration> started = new LinkedBlockingQueue<>();
    private final Semaphore releases = new Semaphore(0);
    private volatile boolean holding;

    TestPauser(TestClock clock) {
        this.clock = clock;
    }

    /** From now on each pause waits for {@link #release()}. */
    void hold() {
        holding = true;
    }

    /** Lets one held pause end. */
    void release() {
        releases.release();
    }

    /** Every pause asked for so far, in order. */
    List<Duration> asked() {
        return List.copyOf(asked);
    }

    /** Waits until the server is in its next pause (or has been through it) and returns its length. */
    Duration awaitPause() throws InterruptedException {
        Duration d = started.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("the server paused for nothing within 5 s; pauses so far: " + asked);
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
        clock.advance(duration);
    }
}
