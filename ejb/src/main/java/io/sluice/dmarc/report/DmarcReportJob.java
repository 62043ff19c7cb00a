package io.sluice.dmarc.report;

import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.config.DmarcSettings;
import io.sluice.config.NodeProperties;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.dns.DnsTxtRecords;
import io.sluice.dns.Resolvers;
import io.sluice.downstream.Downstream;
import io.sluice.health.DatabaseStatus;
import io.sluice.persistence.Jdbc;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DMARC aggregate reports on schedule: each maintenance tick this node writes the rows it counted
 * ({@link ReportRows}) to the database, and while reports are on, the node that claims the period
 * sends the reports once {@code dmarc.reportInterval} has passed since the last ones. The claim is
 * a compare-and-set of the job's row in {@code maintenance_run}: of several nodes only the one
 * whose update moved the period's start sends, so a cluster sends each report once. Rows no report
 * took (no destination reachable for long) go with the tracking log's retention.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DmarcReportJob {

    private static final Logger LOG = Logger.getLogger(DmarcReportJob.class.getName());
    static final String JOB = "dmarc-report";

    @Resource
    TimerService timers;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Inject
    ReportRows rows;

    @Inject
    ReportStore store;

    @Inject
    SettingsCache settings;

    @Inject
    Resolvers resolvers;

    @Inject
    Downstream downstream;

    @Inject
    DatabaseStatus database;

    @Inject
    NodeProperties node;

    /** One run at a time on this node: a tick and an administrator's "send now". */
    private final ReentrantLock running = new ReentrantLock();

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void schedule() {
        if (!database.usable()) {
            return;
        }
        long tick = node.maintenanceTick().toMillis();
        timers.createIntervalTimer(tick, tick, new TimerConfig("sluice DMARC reports", false));
    }

    /** The counts of the last moments go to the database too, so that a stop loses none. */
    @PreDestroy
    void flush() {
        try {
            store.add(rows.drain());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DMARC reports: the rows counted since the last tick are lost", e);
        }
    }

    @Timeout
    void tick() {
        if (!running.tryLock()) {
            return;
        }
        try {
            RuntimeSettings s = settings.current();
            Instant now = now();
            store.add(rows.drain());
            store.purge(now.minus(s.retention().trackingDays(), ChronoUnit.DAYS));
            if (s.dmarc().reporting()) {
                Instant begin = claim(now, s.dmarc(), false);
                if (begin != null) {
                    send(s.dmarc(), begin, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DMARC reports: run failed; trying again at the next tick", e);
        } finally {
            running.unlock();
        }
    }

    /**
     * Ends the current period now and sends its reports, whatever the interval: for an administrator
     * who turns reports off or changes the sender and wants what was counted so far reported first.
     * Only this node's counts and those other nodes have written (each tick) are in it.
     *
     * @return what was sent; null when reports are off or have no sender
     */
    public ReportSender.Summary sendNow() {
        running.lock();
        try {
            DmarcSettings s = settings.current().dmarc();
            if (!s.reporting()) {
                return null;
            }
            Instant now = now();
            store.add(rows.drain());
            Instant begin = claim(now, s, true);
            return begin == null ? new ReportSender.Summary(0, 0, 0, 0) : send(s, begin, now);
        } finally {
            running.unlock();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS); // reports count whole seconds; the claim compares what it stored
    }

    private ReportSender.Summary send(DmarcSettings s, Instant begin, Instant end) {
        ReportSender.Summary done = new ReportSender(store, new DnsTxtRecords(resolvers.client()), this::relay).send(s, begin, end);
        if (done.domains() > 0) {
            LOG.info(() -> "DMARC reports for " + begin + " to " + end + ": " + done);
        }
        return done;
    }

    private ReportSender.Delivery relay(String sender, String recipient, byte[] mail) {
        try {
            RelayResult r = downstream.call("DMARC report", c -> c.send(new RelayEnvelope(sender, List.of(recipient), Map.of()),
                    MessageSource.of(mail)));
            if (r.delivered()) {
                return ReportSender.Delivery.SENT;
            }
            LOG.warning(() -> "DMARC report to <" + recipient + "> refused: " + r.refusal());
            return r.refusal().isTransientFailure() ? ReportSender.Delivery.TRY_LATER : ReportSender.Delivery.REFUSED;
        } catch (ResourceException | RelayException e) {
            LOG.warning(() -> "DMARC report to <" + recipient + ">: downstream unavailable: " + e.getMessage());
            return ReportSender.Delivery.TRY_LATER;
        }
    }

    /**
     * Claims the period from the last reports to {@code now}: its start, or null when it is not due
     * ({@code force}: always due) or another node claimed it first. The first run ever starts the
     * first period (or, forced, reports from the oldest row on).
     */
    Instant claim(Instant now, DmarcSettings s, boolean force) {
        try (Connection c = dataSource.getConnection()) {
            Instant last = null;
            try (PreparedStatement st = c.prepareStatement("SELECT last_run_at FROM maintenance_run WHERE job = ?")) {
                st.setString(1, JOB);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        last = Jdbc.instant(rs, "last_run_at");
                    }
                }
            }
            if (last == null) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO maintenance_run (job, last_run_at) VALUES (?, ?)")) {
                    st.setString(1, JOB);
                    st.setObject(2, Jdbc.timestamp(now));
                    st.executeUpdate();
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        return null; // another node started it a moment ago
                    }
                    throw e;
                }
                return force ? oldest(c, now) : null;
            }
            if (!force && last.plus(s.reportInterval()).isAfter(now) || !last.isBefore(now)) {
                return null;
            }
            return moveStart(c, last, now) ? last : null;
        } catch (SQLException e) {
            throw new IllegalStateException("DMARC report schedule: " + e.getMessage(), e);
        }
    }

    /** Moves the period's start from {@code last} to {@code now}, if no other node moved it since it was read. */
    static boolean moveStart(Connection c, Instant last, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE maintenance_run SET last_run_at = ? WHERE job = ? AND last_run_at = ?")) {
            st.setObject(1, Jdbc.timestamp(now));
            st.setString(2, JOB);
            st.setObject(3, Jdbc.timestamp(last));
            return st.executeUpdate() == 1;
        }
    }

    private static Instant oldest(Connection c, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT MIN(first_seen) FROM dmarc_report_row");
             ResultSet rs = st.executeQuery()) {
            java.time.LocalDateTime t = rs.next() ? rs.getObject(1, java.time.LocalDateTime.class) : null;
            return t == null ? now : t.toInstant(java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        }
    }
}
