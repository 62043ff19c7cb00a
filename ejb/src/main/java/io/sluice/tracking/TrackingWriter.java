package io.sluice.tracking;

import io.sluice.time.Pauser;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracking log's queue and its one background writer, in plain Java. Tracking is an event,
 * never a decision: {@link #offer} neither blocks nor fails the reply path. A full queue drops the
 * record (counted, and logged at most once a minute). The writer writes in batches; a batch the
 * database refuses is split in halves until each refused record stands alone, and that one is
 * logged and skipped while the rest are written. A batch that is not full lingers a moment for more
 * records, so that under load many records share one transaction. A database that cannot be reached is waited for
 * with a growing pause, keeping the batch; meanwhile new records queue up to the capacity.
 */
final class TrackingWriter {

    private static final Logger LOG = Logger.getLogger(TrackingWriter.class.getName());
    private static final long DROP_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** While stopping, a database that cannot be reached gets this many attempts, not more. */
    private static final int ATTEMPTS_WHEN_STOPPING = 3;
    private static final long LINGER_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Where records go. */
    interface Sink {
        /** Writes every record of the batch, or none (one transaction). */
        void write(List<TrackingRecord> batch) throws SQLException;

        /** Whether the database answers at all (after a failure: can the rows be at fault?). */
        boolean reachable();
    }

    /** Told about each record that is lost, for the metrics. */
    interface Losses {
        void dropped(TrackingRecord r);

        void skipped(TrackingRecord r);
    }

    private final BlockingQueue<TrackingRecord> queue;
    private final int batchSize;
    private final Sink sink;
    private final Executor executor;
    private final Losses losses;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Pauser pauser;
    private final long idleMillis;
    private final long lingerNanos;

    private final AtomicBoolean running = new AtomicBoolean();
    /** Records accepted and not yet written or given up: what {@link #flush} waits for. */
    private final AtomicLong pending = new AtomicLong();
    /** Notified when {@link #pending} comes down to 0. */
    private final Object drained = new Object();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder droppedSinceLog = new LongAdder();
    // real time: it only spaces out the warnings about a full queue
    private final AtomicLong nextDropLog = new AtomicLong(System.nanoTime());
    private volatile boolean stopping;
    /** Callers of {@link #flush} waiting now: while there are any, a batch is written without lingering. */
    private final AtomicInteger flushing = new AtomicInteger();

    /**
     * @param firstPause   the wait after the first failed attempt to reach the database; it doubles
     *                     with each further attempt, up to {@code longestPause}
     * @param pauser       how those pauses are waited
     * @param idleMillis   how long the writer waits for work before its thread goes back to the pool
     * @param lingerMillis how long a batch that is not full waits for more records before it is
     *                     written: one transaction for many records costs the database far less
     *                     than one for each (0: write what is queued at once)
     */
    TrackingWriter(int capacity, int batchSize, Sink sink, Executor executor, Losses losses, Duration firstPause,
                   Duration longestPause, Pauser pauser, long idleMillis, long lingerMillis) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.sink = sink;
        this.executor = executor;
        this.losses = losses;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.pauser = pauser;
        this.idleMillis = idleMillis;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
    }

    /** Queues the record for writing; false if it was dropped (the queue is full). Never blocks. */
    boolean offer(TrackingRecord record) {
        pending.incrementAndGet();
        if (!queue.offer(record)) {
            settled(1);
            drop(record);
            return false;
        }
        if (!running.get() && running.compareAndSet(false, true)) {
            start();
        }
        return true;
    }

    /** Records dropped because the queue was full, since start. */
    long dropped() {
        return dropped.sum();
    }

    /** Records the database refused even alone, since start. */
    long skipped() {
        return skipped.sum();
    }

    /** Records waiting to be written. */
    int queued() {
        return queue.size();
    }

    /**
     * Waits until everything offered so far is written or given up; false on timeout. The timeout
     * is the caller's real time (a test's patience, the server's shutdown).
     */
    boolean flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        flushing.incrementAndGet();
        try {
            synchronized (drained) {
                while (pending.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(drained, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            return true;
        } finally {
            flushing.decrementAndGet();
        }
    }

    /** {@code n} records written or given up: a flush waiting for the last of them is woken. */
    private void settled(int n) {
        if (pending.addAndGet(-n) == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Writes what is queued (a database that cannot be reached gets a few more attempts), then gives up. */
    void stop(long timeoutMillis) {
        stopping = true;
        if (!flush(timeoutMillis)) {
            LOG.severe(() -> "tracking log: " + pending.get() + " records were not written at shutdown");
        }
    }

    private void start() {
        try {
            executor.execute(this::run);
        } catch (RuntimeException e) {
            running.set(false);
            LOG.log(Level.SEVERE, "tracking log: cannot start the writer; " + queue.size() + " records wait", e);
        }
    }

    private void drop(TrackingRecord record) {
        dropped.increment();
        droppedSinceLog.increment();
        losses.dropped(record);
        long now = System.nanoTime();
        long next = nextDropLog.get();
        if (now - next >= 0 && nextDropLog.compareAndSet(next, now + DROP_LOG_NANOS)) {
            long n = droppedSinceLog.sumThenReset();
            LOG.warning(() -> "tracking log: the queue is full (" + queue.size() + " records wait for the database): "
                    + n + " records dropped since the last report, " + record.queueId() + " among them; "
                    + dropped.sum() + " since start");
        }
    }

    /**
     * Writes until the queue has been empty for a while, then ends, so that no pool thread is held
     * while the gateway is idle; the next record starts it again. Clearing {@code running} before
     * looking at the queue once more means a record offered meanwhile is never left behind.
     */
    private void run() {
        try {
            while (true) {
                TrackingRecord first = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    running.set(false);
                    if (queue.isEmpty() || !running.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                List<TrackingRecord> batch = new ArrayList<>(batchSize);
                batch.add(first);
                gather(batch);
                try {
                    write(batch);
                } finally {
                    settled(batch.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            int left = queue.size();
            if (left > 0) { // an idle writer is interrupted at every shutdown: that alone is news to nobody
                LOG.warning(() -> "tracking log: writer interrupted with " + left + " records queued");
            }
        } catch (RuntimeException | Error e) {
            running.set(false);
            LOG.log(Level.SEVERE, "tracking log: writer failed", e);
        }
    }

    /**
     * Fills the batch with what is queued and, while it is not full, with what comes within the
     * linger time; a flush or a stop cuts the wait short (it is looked at every few milliseconds).
     * The writer sleeps between looks instead of waiting on the queue: a waiting writer would be
     * woken by every record offered, a thread switch per message under load.
     */
    private void gather(List<TrackingRecord> batch) throws InterruptedException {
        queue.drainTo(batch, batchSize - batch.size());
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize && !stopping && flushing.get() == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, LINGER_STEP_NANOS));
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    /**
     * Writes the batch, or all of it the database takes. A failure of a database that answers is
     * the rows' fault (a value it refuses, a key that clashes): the batch is split. A failure to
     * reach it is nobody's: the same batch is tried again after a pause.
     */
    void write(List<TrackingRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Exception failure;
            try {
                sink.write(batch);
                return;
            } catch (SQLException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = e; // a record the statement cannot even be bound with
            }
            if (!(failure instanceof SQLException sql && DatabaseFailures.isTransient(sql)) && sink.reachable()) {
                split(batch, failure);
                return;
            }
            if (stopping && attempt >= ATTEMPTS_WHEN_STOPPING) {
                LOG.log(Level.SEVERE, "tracking log: " + batch.size() + " records lost at shutdown, the database "
                        + "cannot be reached", failure);
                return;
            }
            Duration pause = pause(attempt);
            int n = attempt;
            LOG.warning(() -> "tracking log: the database cannot be reached (attempt " + n + ": " + failure
                    + "); " + batch.size() + " records kept, " + queue.size() + " queued; next attempt in "
                    + pause.toMillis() + " ms");
            pauser.pause(pause);
        }
    }

    private void split(List<TrackingRecord> batch, Exception failure) throws InterruptedException {
        if (batch.size() == 1) {
            TrackingRecord r = batch.get(0);
            skipped.increment();
            losses.skipped(r);
            LOG.log(Level.WARNING, "tracking log: the database refused the record of " + r.queueId() + " (from=<"
                    + r.sender() + "> to=" + r.recipients() + " outcome=" + r.outcome() + "); skipped", failure);
            return;
        }
        int half = batch.size() / 2;
        write(batch.subList(0, half));
        write(batch.subList(half, batch.size()));
    }

    private Duration pause(int attempt) {
        Duration d = firstPause.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(longestPause) > 0 ? longestPause : d;
    }
}
