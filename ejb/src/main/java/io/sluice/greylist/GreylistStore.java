package io.sluice.greylist;

import io.sluice.persistence.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Greylisting's state in the database, so that every node sees the same triplets: a client that
 * retries on another node behind the balancer still passes. Each decision is a few statements on
 * a connection of its own (autocommit); two nodes that see a new triplet at once both defer it,
 * and the second insert is taken as "seen".
 */
@ApplicationScoped
public class GreylistStore {

    /** What greylisting decided about one recipient. */
    public enum Verdict {
        /** A new triplet, or one retried too early: deferred. */
        DEFERRED,
        /** A retry after the delay (the client network joins the automatic allow list). */
        PASSED_RETRY,
        /** A triplet that passed before, or a client network on the automatic allow list. */
        KNOWN
    }

    /** How long each part of greylisting lasts. */
    public record Timing(Duration delay, Duration window, Duration allowFor) {
    }

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    public GreylistStore() {
    }

    public GreylistStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Verdict check(Triplet t, Instant now, Timing timing) {
        try (Connection c = dataSource.getConnection()) {
            if (allowed(c, t.network(), now)) {
                return Verdict.KNOWN;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT first_seen, passed FROM greylist_triplet "
                    + "WHERE network = ? AND sender = ? AND recipient = ?")) {
                s.setString(1, t.network());
                s.setString(2, t.sender());
                s.setString(3, t.recipient());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        insert(c, t, now, timing);
                        return Verdict.DEFERRED;
                    }
                    Instant first = Jdbc.instant(rs, "first_seen");
                    boolean passed = rs.getBoolean("passed");
                    if (passed) {
                        pass(c, t, first, now, timing);
                        return Verdict.KNOWN;
                    }
                    if (now.isBefore(first.plus(timing.delay()))) {
                        return Verdict.DEFERRED;
                    }
                    if (now.isAfter(first.plus(timing.delay()).plus(timing.window()))) {
                        // retried too late: it starts again, as a new triplet would
                        restart(c, t, now, timing);
                        return Verdict.DEFERRED;
                    }
                    pass(c, t, first, now, timing);
                    allow(c, t.network(), now.plus(timing.allowFor()));
                    return Verdict.PASSED_RETRY;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("greylisting " + t + ": " + e.getMessage(), e);
        }
    }

    private static boolean allowed(Connection c, String network, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT allowed_until FROM greylist_client WHERE network = ?")) {
            s.setString(1, network);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && Jdbc.instant(rs, "allowed_until").isAfter(now);
            }
        }
    }

    private static void insert(Connection c, Triplet t, Instant now, Timing timing) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO greylist_triplet (network, sender, recipient, "
                + "first_seen, passed, expires_at) VALUES (?, ?, ?, ?, FALSE, ?)")) {
            s.setString(1, t.network());
            s.setString(2, t.sender());
            s.setString(3, t.recipient());
            s.setObject(4, Jdbc.timestamp(now));
            s.setObject(5, Jdbc.timestamp(now.plus(timing.delay()).plus(timing.window())));
            s.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another node inserted it meanwhile: deferred all the same
                throw e;
            }
        }
    }

    private static void restart(Connection c, Triplet t, Instant now, Timing timing) throws SQLException {
        update(c, "UPDATE greylist_triplet SET first_seen = ?, expires_at = ? WHERE network = ? AND sender = ? "
                + "AND recipient = ?", t, Jdbc.timestamp(now), Jdbc.timestamp(now.plus(timing.delay()).plus(timing.window())));
    }

    /**
     * A passed triplet is kept as long as the automatic allow list keeps its network, and at least
     * the retry window: with the allow list off (0 s) it would otherwise expire at once, and the
     * next maintenance run would make a sender that just passed start again.
     */
    private static void pass(Connection c, Triplet t, Instant first, Instant now, Timing timing) throws SQLException {
        java.time.Duration keep = timing.allowFor().compareTo(timing.window()) > 0 ? timing.allowFor() : timing.window();
        update(c, "UPDATE greylist_triplet SET passed = TRUE, expires_at = ? WHERE network = ? AND sender = ? "
                + "AND recipient = ?", t, Jdbc.timestamp(now.plus(keep)));
    }

    private static void update(Connection c, String sql, Triplet t, Object... leading) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Object o : leading) {
                s.setObject(i++, o);
            }
            s.setString(i++, t.network());
            s.setString(i++, t.sender());
            s.setString(i, t.recipient());
            s.executeUpdate();
        }
    }

    private static void allow(Connection c, String network, Instant until) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE greylist_client SET allowed_until = ? WHERE network = ?")) {
            u.setObject(1, Jdbc.timestamp(until));
            u.setString(2, network);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO greylist_client (network, allowed_until) VALUES (?, ?)")) {
            s.setString(1, network);
            s.setObject(2, Jdbc.timestamp(until));
            s.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
