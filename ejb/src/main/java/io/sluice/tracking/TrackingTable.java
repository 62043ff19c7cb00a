package io.sluice.tracking;

import io.sluice.persistence.ColumnText;
import io.sluice.persistence.Jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes tracking records into {@code message_log} and {@code message_log_recipient}, one
 * transaction per batch. Every text is made fit for its column ({@link ColumnText}); recipients are
 * keyed the way the primary key compares them (lower case, cut to the column), once each.
 */
final class TrackingTable implements TrackingWriter.Sink {

    private static final String INSERT = "INSERT INTO message_log (queue_id, received_at, decided_at, relayed_at, "
            + "hour_bucket, day_bucket, client_ip, helo, tls, auth_user, sender, recipients, recipient_count, size, "
            + "viruses, spam_score, spam_symbols, verdict, policy, actions, outcome, reply, downstream_reply, scan_ms, "
            + "relay_ms, total_ms, spf, dnsbl, dkim, dmarc, greylist) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RECIPIENT = "INSERT INTO message_log_recipient (queue_id, address) VALUES (?, ?)";
    static final int ADDRESS = 320;
    private static final int PROBE_SECONDS = 5;

    private final DataSource dataSource;

    TrackingTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(List<TrackingRecord> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement row = c.prepareStatement(INSERT);
                 PreparedStatement rcpt = c.prepareStatement(INSERT_RECIPIENT)) {
                for (TrackingRecord r : batch) {
                    bind(row, r);
                    row.addBatch();
                    for (String address : recipientKeys(r.recipients())) {
                        rcpt.setString(1, r.queueId());
                        rcpt.setString(2, address);
                        rcpt.addBatch();
                    }
                }
                row.executeBatch();
                rcpt.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    @Override
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The recipients as {@code message_log_recipient}'s key holds them: lower case, cut to the
     * column, each once (Bob@example.com and bob@example.com are one row).
     */
    static Set<String> recipientKeys(List<String> recipients) {
        Set<String> keys = new LinkedHashSet<>();
        for (String address : recipients) {
            keys.add(ColumnText.of(address.toLowerCase(Locale.ROOT), ADDRESS));
        }
        return keys;
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void bind(PreparedStatement s, TrackingRecord r) throws SQLException {
        s.setString(1, r.queueId());
        s.setObject(2, Jdbc.timestamp(r.receivedAt()));
        s.setObject(3, Jdbc.timestamp(r.decidedAt()));
        s.setObject(4, Jdbc.timestamp(r.relayedAt()), Types.TIMESTAMP);
        s.setObject(5, Jdbc.timestamp(r.receivedAt().truncatedTo(ChronoUnit.HOURS)));
        s.setObject(6, r.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        s.setString(7, ColumnText.of(r.clientIp(), 64));
        s.setString(8, ColumnText.of(r.helo(), 512));
        s.setBoolean(9, r.tls());
        s.setString(10, ColumnText.of(r.authUser(), ADDRESS));
        s.setString(11, ColumnText.of(r.sender(), ADDRESS));
        s.setString(12, ColumnText.joined(r.recipients(), 8000));
        s.setInt(13, r.recipients().size());
        s.setLong(14, r.size());
        s.setString(15, r.viruses().isEmpty() ? null : ColumnText.joined(r.viruses(), 1000));
        nullableDouble(s, 16, r.spamScore());
        s.setString(17, ColumnText.of(r.spamSymbols(), 4000));
        s.setString(18, ColumnText.of(r.verdict(), 16));
        s.setString(19, ColumnText.of(r.policy(), 100));
        s.setString(20, ColumnText.of(r.actions(), 1000));
        s.setString(21, ColumnText.of(r.outcome(), 16));
        s.setString(22, ColumnText.of(r.reply(), 1000));
        s.setString(23, ColumnText.of(r.downstreamReply(), 1000));
        nullableDouble(s, 24, r.scanMillis());
        nullableDouble(s, 25, r.relayMillis());
        s.setDouble(26, r.totalMillis());
        s.setString(27, ColumnText.of(r.spf(), 16));
        s.setString(28, ColumnText.of(r.dnsbl(), 1000));
        s.setString(29, ColumnText.of(r.dkim(), 1000));
        s.setString(30, ColumnText.of(r.dmarc(), 64));
        s.setString(31, ColumnText.of(r.greylist(), 16));
    }

    private static void nullableDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }
}
