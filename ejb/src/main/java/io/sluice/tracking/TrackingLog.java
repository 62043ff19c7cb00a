package io.sluice.tracking;

import io.sluice.persistence.Jdbc;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracking log's writer. The reply path only puts a record in a queue; one background task
 * writes them in batches. When the queue is full the caller waits (nothing is dropped), a failed
 * batch is retried, and at shutdown whatever is queued is written before the application stops.
 */
@ApplicationScoped
public class TrackingLog {

    private static final Logger LOG = Logger.getLogger(TrackingLog.class.getName());
    private static final int CAPACITY = 50_000;
    private static final int BATCH = 500;
    private static final String INSERT = "INSERT INTO message_log (queue_id, received_at, decided_at, relayed_at, "
            + "hour_bucket, day_bucket, client_ip, helo, tls, auth_user, sender, recipients, recipient_count, size, "
            + "viruses, spam_score, spam_symbols, verdict, policy, actions, outcome, reply, downstream_reply, scan_ms, "
            + "relay_ms, total_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RECIPIENT = "INSERT INTO message_log_recipient (queue_id, address) VALUES (?, ?)";

    private final BlockingQueue<TrackingRecord> queue = new LinkedBlockingQueue<>(CAPACITY);
    private static final long IDLE_MILLIS = 5_000;

    private boolean running;  // guarded by this
    private volatile boolean writing;
    private volatile boolean stopping;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    public void record(TrackingRecord record) {
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning(() -> record.queueId() + ": interrupted before it was tracked");
            return;
        }
        start();
    }

    /** Waits until everything recorded so far is written (for tests and orderly shutdown). */
    public boolean flush(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!queue.isEmpty() || writing) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            sleep(10);
        }
        return true;
    }

    private synchronized void start() {
        if (!running) {
            running = true;
            executor.submit(this::writeLoop);
        }
    }

    /**
     * Writes until the queue has been empty for a while, then ends, so that no pool thread is held
     * while the gateway is idle; the next record starts it again.
     */
    private void writeLoop() {
        List<TrackingRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                TrackingRecord first = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    synchronized (this) {
                        if (queue.isEmpty()) {
                            running = false;
                            return;
                        }
                    }
                    continue;
                }
                writing = true;
                try {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    writeWithRetry(batch);
                } finally {
                    batch.clear();
                    writing = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                running = false;
            }
            LOG.warning(() -> "tracking log: writer interrupted with " + queue.size() + " records queued");
        } catch (RuntimeException e) {
            synchronized (this) {
                running = false;
            }
            LOG.log(Level.SEVERE, "tracking log: writer failed", e);
        }
    }

    private void writeWithRetry(List<TrackingRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                return;
            } catch (SQLException e) {
                if (stopping && attempt >= 3) {
                    LOG.log(Level.SEVERE, "tracking log: " + batch.size() + " records could not be written at shutdown", e);
                    return;
                }
                int n = attempt;
                LOG.log(Level.WARNING, "tracking log: writing " + batch.size() + " records failed (attempt " + n
                        + "), trying again", e);
                Thread.sleep(Math.min(30_000, 500L * attempt));
            }
        }
    }

    void write(List<TrackingRecord> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement row = c.prepareStatement(INSERT);
                 PreparedStatement rcpt = c.prepareStatement(INSERT_RECIPIENT)) {
                for (TrackingRecord r : batch) {
                    bind(row, r);
                    row.addBatch();
                    for (String address : new java.util.LinkedHashSet<>(r.recipients())) {
                        rcpt.setString(1, r.queueId());
                        rcpt.setString(2, Jdbc.cut(address.toLowerCase(java.util.Locale.ROOT), 320));
                        rcpt.addBatch();
                    }
                }
                row.executeBatch();
                rcpt.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static void bind(PreparedStatement s, TrackingRecord r) throws SQLException {
        s.setString(1, r.queueId());
        s.setObject(2, Jdbc.timestamp(r.receivedAt()));
        s.setObject(3, Jdbc.timestamp(r.decidedAt()));
        s.setObject(4, Jdbc.timestamp(r.relayedAt()), Types.TIMESTAMP);
        s.setObject(5, Jdbc.timestamp(r.receivedAt().truncatedTo(ChronoUnit.HOURS)));
        s.setObject(6, r.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        s.setString(7, r.clientIp());
        s.setString(8, Jdbc.cut(r.helo(), 512));
        s.setBoolean(9, r.tls());
        s.setString(10, r.authUser());
        s.setString(11, Jdbc.cut(r.sender(), 320));
        s.setString(12, Jdbc.cut(String.join(",", r.recipients()), 8000));
        s.setInt(13, r.recipients().size());
        s.setLong(14, r.size());
        s.setString(15, r.viruses().isEmpty() ? null : Jdbc.cut(String.join(",", r.viruses()), 1000));
        nullableDouble(s, 16, r.spamScore());
        s.setString(17, Jdbc.cut(r.spamSymbols(), 4000));
        s.setString(18, r.verdict());
        s.setString(19, Jdbc.cut(r.policy(), 100));
        s.setString(20, Jdbc.cut(r.actions(), 1000));
        s.setString(21, r.outcome());
        s.setString(22, Jdbc.cut(r.reply(), 1000));
        s.setString(23, Jdbc.cut(r.downstreamReply(), 1000));
        nullableDouble(s, 24, r.scanMillis());
        nullableDouble(s, 25, r.relayMillis());
        s.setDouble(26, r.totalMillis());
    }

    private static void nullableDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    /** Orderly shutdown: everything queued is written first. */
    @PreDestroy
    void stop() {
        stopping = true;
        if (!flush(30_000)) {
            LOG.severe(() -> "tracking log: " + queue.size() + " records were not written at shutdown");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
