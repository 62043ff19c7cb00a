package io.sluice.quarantine;

import io.sluice.config.NodeProperties;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.notify.Notifier;
import io.sluice.health.DatabaseStatus;
import io.sluice.persistence.Jdbc;
import io.sluice.tracking.GatewayMetrics;
import jakarta.annotation.PostConstruct;
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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduled work: purging what is older than the retention settings (quarantine and tracking
 * log), sending the quarantine digest, and noticing releases that never ended. It runs every
 * minute ({@code sluice.maintenance.tick-seconds}); the digest goes out when its interval has
 * passed since the last one, which is kept in the database so that restarts neither repeat nor
 * delay it. At start, every release still RELEASING was cut short by the stop before it, and after
 * {@code sluice.quarantine.stale-release-seconds} (3600) one is past any relay timeout: both become
 * RELEASE_UNCERTAIN, for an administrator to settle.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QuarantineMaintenance {

    private static final Logger LOG = Logger.getLogger(QuarantineMaintenance.class.getName());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Resource
    TimerService timers;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Inject
    DigestLinks links;

    @Inject
    QuarantineStore store;

    @Inject
    SettingsCache settings;

    @Inject
    Notifier notifier;

    @Inject
    DatabaseStatus database;

    @Inject
    GatewayMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    NodeProperties node;

    private long staleReleaseSeconds;

    /** What the runs read the time from ({@link Clock#systemUTC()} or a test's). */
    Clock clock = Clock.systemUTC();

    @PostConstruct
    void schedule() {
        staleReleaseSeconds = node.staleRelease().toSeconds();
        if (!database.usable()) {
            return; // nothing to maintain in a damaged database (DatabaseMigration); no timer either
        }
        try {
            interrupted(clock.instant(), "the gateway stopped during the release");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot look for releases the last stop interrupted; "
                    + "they become uncertain once they are older than " + staleReleaseSeconds + " s", e);
        }
        long tick = node.maintenanceTick().toMillis();
        timers.createIntervalTimer(tick, tick, new TimerConfig("sluice maintenance", false));
    }

    /** Releases begun before {@code startedBefore} and still without an outcome become RELEASE_UNCERTAIN. */
    void interrupted(Instant startedBefore, String why) {
        int n = store.interrupted(startedBefore, why + " before its outcome was known: the mail server may have "
                + "taken the message");
        if (n > 0) {
            LOG.warning(() -> "quarantine: " + n + " releases without an outcome (" + why + ") are now "
                    + QuarantineState.RELEASE_UNCERTAIN + ", for an administrator to settle");
        }
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still busy (a slow digest): skip this one
        }
        try {
            RuntimeSettings s = settings.current();
            Instant now = clock.instant();
            interrupted(now.minusSeconds(staleReleaseSeconds), "no outcome within " + staleReleaseSeconds + " s");
            purge("quarantine", "received_at", now.minus(s.retention().quarantineDays(), ChronoUnit.DAYS));
            purge("message_log", "received_at", now.minus(s.retention().trackingDays(), ChronoUnit.DAYS));
            purge("audit_log", "at", now.minus(s.retention().auditDays(), ChronoUnit.DAYS));
            purge("greylist_triplet", "expires_at", now);
            purge("greylist_client", "allowed_until", now);
            if (s.notifications().quarantineDigest() && due("digest", s.notifications().digestInterval(), now)) {
                digest(now);
            }
            metrics.maintenanceRun();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "maintenance run failed; trying again at the next one", e);
        } finally {
            running.set(false);
        }
    }

    /** Deletes rows whose {@code column} is before {@code before}; a message being released is left alone. */
    void purge(String table, String column, Instant before) {
        String sql = "DELETE FROM " + table + " WHERE " + column + " < ?"
                + (table.equals("quarantine") ? " AND state <> 'RELEASING'" : "");
        int n = Jdbc.update(dataSource, table, sql, Jdbc.timestamp(before));
        if (n > 0) {
            LOG.info(() -> "retention: purged " + n + " rows of " + table + " from before " + before);
        }
    }

    /** One digest per recipient listing what was newly held for them. */
    void digest(Instant now) {
        Map<String, List<QuarantinedMessage>> held = store.undigested();
        String host = node.hostname();
        int sent = 0;
        for (Map.Entry<String, List<QuarantinedMessage>> e : held.entrySet()) {
            StringBuilder list = new StringBuilder();
            for (QuarantinedMessage m : e.getValue()) {
                list.append(WHEN.format(m.receivedAt())).append("  ").append(m.queueId()).append("  from ")
                        .append(m.sender().isEmpty() ? "<>" : m.sender()).append("  \"")
                        .append(m.subject() == null ? "" : m.subject()).append("\"  (").append(m.reason())
                        .append(")\r\n");
                String link = links.linkFor(m, e.getKey());
                if (link != null) {
                    list.append("    ").append(link).append("\r\n");
                }
            }
            Map<String, String> values = Map.of("count", Integer.toString(e.getValue().size()), "list",
                    list.toString(), "hostname", host, "recipients", e.getKey());
            if (notifier.sendOnce("digest", "digest", e.getKey(), host, values)) {
                store.digested(e.getValue().stream().map(QuarantinedMessage::queueId).toList(), now);
                sent++;
            }
        }
        int n = sent;
        if (!held.isEmpty()) {
            LOG.info(() -> "quarantine digest: sent to " + n + " of " + held.size() + " recipients");
        }
    }

    /** Whether {@code job} last ran at least {@code interval} ago; if so, records that it runs now. */
    boolean due(String job, Duration interval, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            Instant last = null;
            try (PreparedStatement s = c.prepareStatement("SELECT last_run_at FROM maintenance_run WHERE job = ?")) {
                s.setString(1, job);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        last = Jdbc.instant(rs, "last_run_at");
                    }
                }
            }
            if (last == null) { // first start: the first run is one interval from now
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO maintenance_run (job, last_run_at) VALUES (?, ?)")) {
                    s.setString(1, job);
                    s.setObject(2, Jdbc.timestamp(now));
                    s.executeUpdate();
                }
                return false;
            }
            if (last.plus(interval).isAfter(now)) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE maintenance_run SET last_run_at = ? WHERE job = ?")) {
                s.setObject(1, Jdbc.timestamp(now));
                s.setString(2, job);
                s.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("maintenance schedule: " + e.getMessage(), e);
        }
    }
}
