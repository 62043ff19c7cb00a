package io.sluice.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log records handed to one background thread, in plain Java, so that the log handlers' own work
 * (formatting, the file and console writes, whatever an administrator added to the root logger)
 * is done beside the SMTP session instead of in the time its client waits for the reply. A record
 * keeps the time it was made, and records are logged in the order they came. None is ever
 * dropped: while the queue is full a caller logs its own record (out of order then, never lost).
 * The thread looks for records every few milliseconds rather than being woken by each (a thread
 * switch per message under load), ends when there has been nothing for a while, and the next
 * record starts it again. At shutdown whatever is queued is logged first.
 */
final class BackgroundLog {

    private static final long STEP_MILLIS = 2;
    private static final int BATCH = 256;

    private record Entry(Logger logger, LogRecord record) {
    }

    private final BlockingQueue<Entry> queue;
    private final Executor executor;
    private final long idleNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;

    /** @param idleMillis how long the thread looks for records in vain before it goes back to the pool */
    BackgroundLog(int capacity, Executor executor, long idleMillis) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    }

    /** Logs the record on {@code logger} soon, from the background thread; never blocks. */
    void log(Logger logger, LogRecord record) {
        Entry e = new Entry(logger, record);
        if (stopped || !queue.offer(e)) {
            publish(e);
            return;
        }
        if (!running.get() && running.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RuntimeException refused) {
                running.set(false);
                drain(); // no thread to be had (shutting down): the caller logs what is queued
            }
        }
    }

    /** Logs what is queued, in the caller's thread; records that come after are logged by their callers. */
    void stop() {
        stopped = true;
        drain();
    }

    /** Records waiting to be logged. */
    int queued() {
        return queue.size();
    }

    private void drain() {
        Entry e;
        while ((e = queue.poll()) != null) {
            publish(e);
        }
    }

    /**
     * Logs until the queue has stayed empty for the idle time. Clearing {@code running} before
     * looking at the queue once more means a record offered meanwhile is never left behind.
     */
    private void run() {
        List<Entry> batch = new ArrayList<>(BATCH);
        long idleSince = System.nanoTime();
        try {
            while (true) {
                queue.drainTo(batch, BATCH);
                if (!batch.isEmpty()) {
                    batch.forEach(BackgroundLog::publish);
                    batch.clear();
                    idleSince = System.nanoTime();
                    continue;
                }
                if (stopped || System.nanoTime() - idleSince > idleNanos) {
                    running.set(false);
                    if (queue.isEmpty() || !running.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                Thread.sleep(STEP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            drain();
        }
    }

    private static void publish(Entry e) {
        try {
            e.logger().log(e.record());
        } catch (RuntimeException failed) {
            // a handler that fails must not stop the lines after it; the handler reports its own errors
        }
    }
}
