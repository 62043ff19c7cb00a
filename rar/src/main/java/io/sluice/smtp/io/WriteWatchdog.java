package io.sluice.smtp.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds blocking socket writes, which Java cannot time out by itself: a peer that stops reading
 * fills the socket buffers and a write then blocks for ever, pinning its session and thread. Each
 * guarded write (or other blocking step) has a deadline; one shared thread looks at the steps in
 * progress every {@link #TICK} and runs the expiry action of any past its deadline, which closes
 * the socket so the blocked write fails (as a {@link WriteTimeoutException}).
 *
 * <p>The thread runs only while there is something to watch and ends after a few idle seconds,
 * so a redeployed adapter leaves no thread behind.
 */
public final class WriteWatchdog {

    /** How often deadlines are checked: writes end at most this much after their timeout. */
    static final Duration TICK = Duration.ofMillis(100);
    private static final int IDLE_TICKS_BEFORE_EXIT = 50;
    private static final Logger LOG = Logger.getLogger(WriteWatchdog.class.getName());

    /** The one watchdog of the adapter, for the server's sessions and the relay's alike. */
    public static final WriteWatchdog SHARED = new WriteWatchdog();

    private final Set<Deadline> watched = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /**
     * A deadline for the blocking steps of one connection.
     *
     * @param timeout  how long one step may take; changeable later ({@link Deadline#timeout(Duration)})
     * @param onExpiry what ends a step that overran: closing the connection's socket (the TCP one,
     *                 under any TLS layer: closing a TLS socket would wait for the blocked write)
     */
    public Deadline deadline(Duration timeout, Runnable onExpiry) {
        return new Deadline(timeout, onExpiry);
    }

    /** The deadlines of one connection; one step at a time (the connection's own thread). */
    public final class Deadline {
        private final Runnable onExpiry;
        private volatile long timeoutNanos;
        private volatile long dueNanos;
        private volatile boolean expired;

        private Deadline(Duration timeout, Runnable onExpiry) {
            this.onExpiry = onExpiry;
            timeout(timeout);
        }

        /** Sets the time later steps may take. */
        public void timeout(Duration timeout) {
            timeoutNanos = Math.max(1, timeout.toNanos());
        }

        public Duration timeout() {
            return Duration.ofNanos(timeoutNanos);
        }

        /** Whether a step overran and the connection was closed for it. */
        public boolean expired() {
            return expired;
        }

        /** Runs one blocking step within the timeout; a step that overran fails with {@link WriteTimeoutException}. */
        public <T> T run(Step<T> step) throws IOException {
            dueNanos = System.nanoTime() + timeoutNanos;
            watch(this);
            try {
                return step.run();
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw new WriteTimeoutException(timeout(), e);
                }
                throw e;
            } finally {
                watched.remove(this);
            }
        }

        /** {@code out} with each write and flush bounded by this deadline. */
        public OutputStream guard(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    run(() -> {
                        out.write(b, off, len);
                        return null;
                    });
                }

                @Override
                public void write(int b) throws IOException {
                    run(() -> {
                        out.write(b);
                        return null;
                    });
                }

                @Override
                public void flush() throws IOException {
                    run(() -> {
                        out.flush();
                        return null;
                    });
                }
            };
        }

        private void checkAt(long now) {
            if (now - dueNanos > 0 && watched.remove(this)) {
                expired = true;
                try {
                    onExpiry.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not end a blocked write", e);
                }
            }
        }
    }

    /** A blocking step: a write, a flush, a handshake. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws IOException;
    }

    private void watch(Deadline deadline) {
        watched.add(deadline);
        if (!running) {
            start();
        }
    }

    private synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "sluice-write-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private void loop() {
        int idle = 0;
        while (true) {
            try {
                // real time on purpose: it bounds writes to real sockets, one shared thread for all
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                // nobody else owns this thread: it goes on until idle
            }
            long now = System.nanoTime();
            for (Deadline d : watched) {
                d.checkAt(now);
            }
            idle = watched.isEmpty() ? idle + 1 : 0;
            if (idle >= IDLE_TICKS_BEFORE_EXIT && stopIfIdle()) {
                return;
            }
        }
    }

    /**
     * Ends the thread if nothing is watched. A step that started watching meanwhile either is seen
     * here, or sees {@code running} false afterwards and starts a new thread.
     */
    private boolean stopIfIdle() {
        synchronized (this) {
            if (!watched.isEmpty()) {
                return false;
            }
            running = false;
        }
        if (!watched.isEmpty()) {
            start();
        }
        return true;
    }
}
