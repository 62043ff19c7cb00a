package io.sluice.tracking;

import io.sluice.time.TestPauser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracking writer's queue, batches, splitting and waiting, against a database made of lists;
 * its pauses for the database are seen, not waited for.
 */
class TrackingWriterTest {

    private static final Duration PAUSE = Duration.ofMillis(1);
    private static final Duration LONGEST = Duration.ofMillis(4);

    private final FakeSink sink = new FakeSink();
    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final List<Runnable> started = new ArrayList<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final TestPauser pauser = new TestPauser();
    /** Released each time the writer's thread goes back to the pool (the queue stayed empty for a while). */
    private final Semaphore wentIdle = new Semaphore(0);
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    static TrackingRecord record(String queueId) {
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        return new TrackingRecord(queueId, t, t, t, "192.0.2.1", "client.example", false, null, "ann@example.org",
                List.of("bob@example.com"), 100, List.of(), null, null, "clean", "Default", null, "DELIVERED",
                "250 2.0.0 Ok", "250 Ok", null, null, 1.0, null, null, null, null, null);
    }

    /** A writer whose thread only runs when the test runs it, so the queue can fill up. */
    private TrackingWriter manual(int capacity, int batch) {
        return new TrackingWriter(capacity, batch, sink, started::add, losses(), PAUSE, PAUSE, pauser, 1, 0);
    }

    private TrackingWriter threaded(int capacity, int batch) {
        Executor watched = task -> pool.execute(() -> {
            runs.incrementAndGet();
            try {
                task.run();
            } finally {
                wentIdle.release();
            }
        });
        return new TrackingWriter(capacity, batch, sink, watched, losses(), PAUSE, LONGEST, pauser, 1, 0);
    }

    private TrackingWriter.Losses losses() {
        return new TrackingWriter.Losses() {
            @Override
            public void dropped(TrackingRecord r) {
                dropped.add(r.queueId());
            }

            @Override
            public void skipped(TrackingRecord r) {
                skipped.add(r.queueId());
            }
        };
    }

    private void runWriter() {
        assertEquals(1, started.size(), "the writer was started once");
        started.remove(0).run();
    }

    @Test
    void aFullQueueDropsTheRecordAtOnceAndCountsIt() {
        TrackingWriter w = manual(3, 10);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 1; i <= 5; i++) {
                assertEquals(i <= 3, w.offer(record("Q" + i)), "record " + i);
            }
        });
        assertEquals(2, w.dropped());
        assertEquals(List.of("Q4", "Q5"), dropped);
        runWriter();
        assertEquals(List.of("Q1", "Q2", "Q3"), sink.written);
        assertTrue(w.offer(record("Q6")), "room again once written");
    }

    @Test
    void aBatchWithOneRefusedRecordIsSplitUntilThatRecordStandsAloneAndTheRestIsWritten() {
        sink.refuse = r -> r.queueId().equals("Q17");
        TrackingWriter w = manual(100, 64);
        for (int i = 0; i < 40; i++) {
            w.offer(record("Q" + i));
        }
        runWriter();
        assertEquals(39, sink.written.size());
        assertFalse(sink.written.contains("Q17"));
        assertEquals(List.of("Q17"), skipped);
        assertEquals(1, w.skipped());
        // halving 40 down to 1 fails once per level: 1 + 6 failed writes, 6 good halves beside them
        assertTrue(sink.calls.get() <= 14, "writes: " + sink.calls.get());
        assertTrue(w.flush(100));
    }

    @Test
    void twoRefusedRecordsInDifferentHalvesAreBothSkipped() {
        sink.refuse = r -> Set.of("Q0", "Q9").contains(r.queueId());
        TrackingWriter w = manual(100, 10);
        for (int i = 0; i < 10; i++) {
            w.offer(record("Q" + i));
        }
        runWriter();
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"), sink.written);
        assertEquals(List.of("Q0", "Q9"), skipped);
    }

    @Test
    void aRecordTheStatementCannotEvenBeBoundWithIsSkippedLikeARefusedOne() {
        sink.explode = r -> r.queueId().equals("Q1");
        TrackingWriter w = manual(10, 10);
        w.offer(record("Q0"));
        w.offer(record("Q1"));
        w.offer(record("Q2"));
        runWriter();
        assertEquals(List.of("Q0", "Q2"), sink.written);
        assertEquals(List.of("Q1"), skipped);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsWaitedForAndNothingIsLostOrBlocked() {
        sink.unreachableFor.set(5);
        TrackingWriter w = threaded(1000, 50);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 200; i++) {
                assertTrue(w.offer(record("Q" + i)));
            }
        });
        assertTrue(w.flush(5000));
        assertEquals(200, sink.written.size());
        assertEquals(Set.copyOf(sink.written).size(), sink.written.size(), "each record once");
        assertEquals(List.of(), skipped);
        assertEquals(0, w.dropped());
        assertEquals(List.of(PAUSE, PAUSE.multipliedBy(2), LONGEST, LONGEST, LONGEST), pauser.asked(),
                "a pause after each failure, doubling up to the longest");
    }

    @Test
    void aFailureOfUnclearKindIsTriedAgainUnsplitWhileTheDatabaseDoesNotAnswer() {
        sink.unclearFailures.set(3);
        sink.unreachableProbes.set(3);
        TrackingWriter w = manual(100, 10);
        for (int i = 0; i < 4; i++) {
            w.offer(record("Q" + i));
        }
        runWriter();
        assertEquals(List.of("Q0", "Q1", "Q2", "Q3"), sink.written);
        assertEquals(List.of(4, 4, 4, 4), sink.batchSizes, "the same batch, never split");
        assertEquals(List.of(), skipped);
        assertEquals(List.of(PAUSE, PAUSE, PAUSE), pauser.asked());
    }

    @Test
    void stoppingGivesUpOnADatabaseThatCannotBeReachedAfterAFewAttempts() throws Exception {
        sink.unreachableFor.set(Integer.MAX_VALUE);
        pauser.hold();
        TrackingWriter w = threaded(100, 10);
        w.offer(record("Q0"));
        assertEquals(PAUSE, pauser.awaitPause()); // the first attempt failed: the writer waits for the database
        assertFalse(w.flush(0));
        w.stop(0); // from now on the database gets a few more attempts, not more
        pauser.releaseAll();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertTrue(w.flush(4000), "nothing left pending"));
        assertEquals(3, sink.calls.get(), "three attempts in all");
        assertEquals(List.of(PAUSE, PAUSE.multipliedBy(2)), pauser.asked());
        assertEquals(List.of(), sink.written);
    }

    @Test
    void recordsOfferedWhileTheWriterGoesIdleAreAllWritten() throws Exception {
        TrackingWriter w = threaded(10_000, 7);
        for (int i = 0; i < 2000; i++) {
            if (i % 97 == 0) { // now and then the writer runs out of work and leaves; the next record starts it again
                wentIdle.drainPermits();
                w.offer(record("Q" + i));
                assertTrue(wentIdle.tryAcquire(5, TimeUnit.SECONDS), "the writer did not go idle");
            } else {
                w.offer(record("Q" + i));
            }
        }
        assertTrue(w.flush(5000));
        assertEquals(2000, sink.written.size());
        assertEquals(Set.copyOf(sink.written).size(), sink.written.size(), "each record once");
        assertTrue(runs.get() >= 21, "the writer started " + runs.get() + " times");
    }

    @Test
    void recordsArrivingWhileABatchLingersShareItsTransaction() throws Exception {
        TrackingWriter w = new TrackingWriter(100, 50, sink, pool, losses(), PAUSE, PAUSE, pauser, 10_000, 60_000);
        w.offer(record("Q0"));
        Thread.sleep(50); // the writer has taken Q0 and waits for more
        for (int i = 1; i < 50; i++) {
            w.offer(record("Q" + i));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (sink.written.size() < 50) { // a full batch is written at once, long before the linger ends
                Thread.sleep(5);
            }
        });
        assertEquals(List.of(50), sink.batchSizes);
    }

    @Test
    void aFlushCutsTheLingerShort() {
        TrackingWriter w = new TrackingWriter(100, 50, sink, pool, losses(), PAUSE, PAUSE, pauser, 10_000, 60_000);
        w.offer(record("Q0"));
        w.offer(record("Q1"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertTrue(w.flush(20_000)));
        assertEquals(List.of("Q0", "Q1"), sink.written);
    }

    @Test
    void flushWaitsForTheBatchBeingWritten() throws Exception {
        sink.holdWrites();
        TrackingWriter w = threaded(10, 10);
        w.offer(record("Q0"));
        assertTrue(sink.writing.tryAcquire(5, TimeUnit.SECONDS)); // taken from the queue, being written
        assertFalse(w.flush(10));
        sink.writable.release();
        assertTrue(w.flush(2000));
        assertEquals(List.of("Q0"), sink.written);
    }

    /** A database that writes into a list and fails as it is told. */
    static final class FakeSink implements TrackingWriter.Sink {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger unreachableFor = new AtomicInteger();
        final AtomicInteger unclearFailures = new AtomicInteger();
        final AtomicInteger unreachableProbes = new AtomicInteger();
        volatile Predicate<TrackingRecord> refuse = r -> false;
        volatile Predicate<TrackingRecord> explode = r -> false;
        /** Released when a write begins, while writes are held. */
        final Semaphore writing = new Semaphore(0);
        /** What a held write waits for. */
        final Semaphore writable = new Semaphore(0);
        private volatile boolean held;

        void holdWrites() {
            held = true;
        }

        @Override
        public void write(List<TrackingRecord> batch) throws SQLException {
            calls.incrementAndGet();
            batchSizes.add(batch.size());
            if (unreachableFor.getAndDecrement() > 0) {
                throw new SQLTransientConnectionException("connection refused", "08001");
            }
            if (unclearFailures.getAndDecrement() > 0) {
                throw new SQLException("I/O error", "XX000");
            }
            for (TrackingRecord r : batch) {
                if (explode.test(r)) {
                    throw new NullPointerException("a value the statement cannot take");
                }
                if (refuse.test(r)) {
                    throw new SQLIntegrityConstraintViolationException("duplicate key", "23505");
                }
            }
            if (held) {
                writing.release();
                writable.acquireUninterruptibly();
            }
            batch.forEach(r -> written.add(r.queueId()));
        }

        @Override
        public boolean reachable() {
            return unreachableProbes.getAndDecrement() <= 0;
        }
    }
}
