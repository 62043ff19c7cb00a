package io.sluice.tracking;

import io.sluice.time.Pauser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The tracking log as the pipeline sees it: {@link #record} hands a record to a bounded queue and
 * returns at once, whatever the database does. A background writer on the container's executor
 * writes the queue in batches ({@link TrackingWriter}: full queue, refused rows and an unreachable
 * database are handled there); at shutdown whatever is queued is written first.
 */
@ApplicationScoped
public class TrackingLog {

    static final int CAPACITY = 50_000;
    static final int BATCH = 500;
    private static final long IDLE_MILLIS = 5_000;
    /** A tenth of a second late in the log, for one transaction per few hundred messages under load. */
    private static final long LINGER_MILLIS = 100;
    private static final long SHUTDOWN_MILLIS = 30_000;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    GatewayMetrics metrics;

    private TrackingWriter writer;

    @PostConstruct
    void start() {
        writer = new TrackingWriter(CAPACITY, BATCH, new TrackingTable(dataSource), executor,
                new TrackingWriter.Losses() {
                    @Override
                    public void dropped(TrackingRecord r) {
                        metrics.trackingDropped();
                    }

                    @Override
                    public void skipped(TrackingRecord r) {
                        metrics.trackingSkipped();
                    }
                }, Duration.ofMillis(500), Duration.ofSeconds(30), Pauser.SLEEP, IDLE_MILLIS, LINGER_MILLIS);
    }

    /** Queues the record; never blocks. A record that finds the queue full is dropped and counted. */
    public void record(TrackingRecord record) {
        writer.offer(record);
    }

    /** Waits until everything recorded so far is written (for tests and orderly shutdown). */
    public boolean flush(long timeoutMillis) {
        return writer.flush(timeoutMillis);
    }

    /** Records dropped because the queue was full, since start. */
    public long dropped() {
        return writer.dropped();
    }

    /** Records the database refused (logged and skipped), since start. */
    public long skipped() {
        return writer.skipped();
    }

    /** Orderly shutdown: everything queued is written first. */
    @PreDestroy
    void stop() {
        writer.stop(SHUTDOWN_MILLIS);
    }
}
