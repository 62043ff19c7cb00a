package io.sluice.ra.inbound;

import io.sluice.smtp.server.TaskRunner;
import io.sluice.smtp.server.VirtualThreadRunner;
import jakarta.resource.spi.work.WorkManager;

import java.util.Locale;

/**
 * Which threads the SMTP sessions run on ({@code sluice.smtp.threads}). A session holds its thread
 * from the greeting to the close, mostly blocked in a socket read, so the number of platform
 * threads bounds the number of connections: the work manager's 1,100 threads allow about 1,100.
 * Virtual threads lift that bound; the bean's instance pool and the relay pool still bound the
 * work the sessions hand over (the pipeline), whatever the number of connections.
 *
 * <ul>
 *   <li>{@link #WORK_MANAGER}: one long-running Work of the adapter's work manager per session,
 *       the JCA way (the container owns, limits and counts the threads).</li>
 *   <li>{@link #VIRTUAL}: one virtual thread per session, started by the adapter itself, outside the
 *       work manager; needs Java 21.</li>
 *   <li>{@link #AUTO} (the default): virtual threads from Java 24 on, else the work manager.
 *       Before 24 a virtual thread blocked inside a {@code synchronized} block (the server's, a
 *       driver's, a library's in the pipeline) pins its carrier thread, and with as many carriers as
 *       cores a few such waits stall every session (JEP 491 removed that in 24).</li>
 * </ul>
 * The accept loop is a long-running Work in every case.
 */
public enum SessionThreads {
    AUTO, VIRTUAL, WORK_MANAGER;

    /** The release from which {@code synchronized} no longer pins a virtual thread (JEP 491). */
    static final int UNPINNED_SYNCHRONIZED = 24;

    /** The setting as written: any case, {@code -} for {@code _}; empty means {@link #AUTO}. */
    public static SessionThreads parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SessionThreads t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("sluice.smtp.threads: " + value + " is none of AUTO, VIRTUAL, WORK_MANAGER");
    }

    /**
     * What this setting comes to on a JVM of feature release {@code javaRelease}: {@link #VIRTUAL} or
     * {@link #WORK_MANAGER}.
     *
     * @throws IllegalArgumentException {@link #VIRTUAL} asked for on a JVM that has no virtual threads
     */
    public SessionThreads on(int javaRelease) {
        switch (this) {
            case AUTO:
                return javaRelease >= UNPINNED_SYNCHRONIZED ? VIRTUAL : WORK_MANAGER;
            case VIRTUAL:
                if (javaRelease < 21) {
                    throw new IllegalArgumentException("sluice.smtp.threads=VIRTUAL needs Java 21 or later; this is Java "
                            + javaRelease);
                }
                return VIRTUAL;
            default:
                return WORK_MANAGER;
        }
    }

    /** The runner for sessions on this JVM. */
    public TaskRunner runner(WorkManager workManager) {
        if (on(Runtime.version().feature()) == WORK_MANAGER) {
            return new WorkManagerRunner(workManager);
        }
        return VirtualThreadRunner.create("sluice-smtp-", SessionThreads.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("this JVM has no virtual threads"));
    }
}
