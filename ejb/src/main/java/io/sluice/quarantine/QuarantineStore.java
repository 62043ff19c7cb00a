package io.sluice.quarantine;

import io.sluice.api.MessageSource;
import io.sluice.manage.Page;
import io.sluice.persistence.ColumnText;
import io.sluice.persistence.Jdbc;
import io.sluice.persistence.Where;
import io.sluice.security.Scope;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The quarantine's rows. Plain JDBC on the gateway's JTA datasource: the message octets go in
 * chunks straight from the spool to the database, in the same transaction as the metadata, and
 * that transaction commits before {@link #hold} returns, i.e. before the client hears 250.
 */
@Stateless
@LocalBean
public class QuarantineStore {

    private static final String COLUMNS = "queue_id, received_at, client_ip, sender, subject, reason, policy, size, "
            + "virus, spam_score, state, release_started_at, released_at, released_by, release_reply";
    private static final int ADDRESS = 320;
    private static final int TEXT = 1000;
    /** Recipients are read for at most this many entries per query. */
    private static final int IDS_PER_QUERY = 500;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    /** When a release began and ended, as stored ({@link Clock#systemUTC()} or a test's). */
    Clock clock = Clock.systemUTC();

    /**
     * Stores the message and commits; throws if it could not be stored durably. Texts that came
     * from the client are made fit for their columns; the recipients go one per row, as given.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void hold(HeldMessage m, MessageSource content) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quarantine (queue_id, received_at, client_ip, "
                    + "sender, subject, reason, policy, size, body_type, virus, spam_score, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, m.queueId());
                s.setObject(2, Jdbc.timestamp(m.receivedAt()));
                s.setString(3, ColumnText.of(m.clientIp(), 64));
                s.setString(4, ColumnText.of(m.sender(), ADDRESS));
                s.setString(5, ColumnText.of(m.subject(), TEXT));
                s.setString(6, ColumnText.of(m.reason(), TEXT));
                s.setString(7, ColumnText.of(m.policy(), 100));
                s.setLong(8, content.size());
                s.setString(9, ColumnText.of(m.bodyType(), 16));
                s.setString(10, ColumnText.of(m.virus(), TEXT));
                if (m.spamScore() == null) {
                    s.setNull(11, Types.DOUBLE);
                } else {
                    s.setDouble(11, m.spamScore());
                }
                s.setString(12, QuarantineState.HELD.name());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO quarantine_recipient (queue_id, seq, address, lower_address) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < m.recipients().size(); i++) {
                    String address = m.recipients().get(i);
                    s.setString(1, m.queueId());
                    s.setInt(2, i);
                    s.setString(3, ColumnText.of(address, ADDRESS));
                    s.setString(4, normalized(address));
                    s.addBatch();
                }
                s.executeBatch();
            }
            ChunkWriter chunks = new ChunkWriter(c, m.queueId());
            content.writeTo(chunks);
            chunks.finish();
        } catch (SQLException e) {
            throw new IOException("storing " + m.queueId() + " in quarantine: " + e.getMessage(), e);
        }
    }

    public Optional<QuarantinedMessage> find(String queueId) {
        return query("SELECT " + COLUMNS + " FROM quarantine WHERE queue_id = ?", new Where(), queueId).stream()
                .findFirst();
    }

    /** The stored octets: the message as received with the gateway's trace and verdict headers. */
    public StoredMessage content(QuarantinedMessage m) {
        return new StoredMessage(dataSource, m.queueId(), m.size());
    }

    /** The MAIL BODY parameter the message came with, to relay it the same way. */
    public String bodyType(String queueId) {
        return single("SELECT body_type FROM quarantine WHERE queue_id = ?", queueId);
    }

    public Page<QuarantinedMessage> search(QuarantineQuery q, int page, int size) {
        Where where = q.where();
        List<QuarantinedMessage> items = query("SELECT " + COLUMNS + " FROM quarantine" + where.sql()
                + " ORDER BY received_at DESC, queue_id LIMIT ? OFFSET ?", where, size, (long) page * size);
        try (Connection c = dataSource.getConnection()) {
            return new Page<>(items, page, size, Jdbc.count(c, "SELECT COUNT(*) FROM quarantine" + where.sql(), where));
        } catch (SQLException e) {
            throw new IllegalStateException("counting the quarantine: " + e.getMessage(), e);
        }
    }

    /** The queue ids the query matches, oldest first, at most {@code limit}. */
    public List<String> ids(QuarantineQuery q, int limit) {
        Where where = q.where();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT queue_id FROM quarantine" + where.sql()
                     + " ORDER BY received_at, queue_id LIMIT ?")) {
            s.setInt(where.bind(s, 1), limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("searching the quarantine: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the message for one release: from HELD, and with {@code again} also from
     * RELEASE_UNCERTAIN. Returns the attempt's token, which settles it later; null if the entry is
     * in neither state (released, being released, gone).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String claim(String queueId, String by, boolean again) {
        String token = UUID.randomUUID().toString();
        int n = update("UPDATE quarantine SET state = 'RELEASING', released_by = ?, release_started_at = ?, "
                        + "release_token = ? WHERE queue_id = ? AND state IN ('HELD', ?)",
                ColumnText.of(by, 100), Jdbc.timestamp(clock.instant()), token, queueId,
                (again ? QuarantineState.RELEASE_UNCERTAIN : QuarantineState.HELD).name());
        return n == 1 ? token : null;
    }

    /**
     * The attempt's mail server took the message for {@code to}: those recipients are released, and
     * the entry is RELEASED once every recipient is, HELD again while some are not. False if the
     * entry was settled otherwise meanwhile (the recipients count as released all the same: they have it).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean released(String queueId, String token, String reply, List<String> to) {
        Object at = Jdbc.timestamp(clock.instant());
        for (String address : to) {
            update("UPDATE quarantine_recipient SET released_at = ? WHERE queue_id = ? AND address = ? "
                    + "AND released_at IS NULL", at, queueId, address);
        }
        return settle("state = CASE WHEN EXISTS (SELECT 1 FROM quarantine_recipient r WHERE r.queue_id = "
                + "quarantine.queue_id AND r.released_at IS NULL) THEN 'HELD' ELSE 'RELEASED' END, released_at = ?, "
                + "release_reply = ?, release_started_at = NULL", queueId, token, at, ColumnText.of(reply, TEXT));
    }

    /**
     * Takes the message away from the recipients within {@code scope} (a mailbox owner or domain
     * administrator deleting their copy); the entry goes when no recipient is left. False when
     * it is being released right now.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deleteFor(String queueId, Scope scope) {
        if (QuarantineState.RELEASING.name().equals(single("SELECT state FROM quarantine WHERE queue_id = ?", queueId))) {
            return false;
        }
        List<Object> params = new ArrayList<>();
        params.add(queueId);
        params.addAll(scope.values());
        params.add(queueId);
        // and not while a release began meanwhile: it may be sending to these very recipients
        update("DELETE FROM quarantine_recipient WHERE queue_id = ? AND " + scope.condition("lower_address")
                + " AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.queue_id = ? AND q.state = 'RELEASING')",
                params.toArray());
        update("DELETE FROM quarantine WHERE queue_id = ? AND state <> 'RELEASING' AND NOT EXISTS "
                + "(SELECT 1 FROM quarantine_recipient r WHERE r.queue_id = quarantine.queue_id)", queueId);
        return true;
    }

    /** The attempt certainly did not reach the mail server, or was refused: the message is held again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean unclaim(String queueId, String token, String reply) {
        return settle("state = 'HELD', released_by = NULL, release_started_at = NULL, release_token = NULL, "
                + "release_reply = ?", queueId, token, ColumnText.of(reply, TEXT));
    }

    /** The attempt ended without knowing whether the mail server took the message. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean uncertain(String queueId, String token, String reply) {
        return settle("state = 'RELEASE_UNCERTAIN', release_reply = ?", queueId, token, ColumnText.of(reply, TEXT));
    }

    /**
     * An administrator says the mail server did take it (its log shows the message); only for
     * RELEASE_UNCERTAIN. A late outcome of the attempt no longer changes it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean markReleased(String queueId, String by, String reply) {
        update("UPDATE quarantine_recipient SET released_at = ? WHERE queue_id = ? AND released_at IS NULL "
                + "AND EXISTS (SELECT 1 FROM quarantine q WHERE q.queue_id = quarantine_recipient.queue_id "
                + "AND q.state = 'RELEASE_UNCERTAIN')", Jdbc.timestamp(clock.instant()), queueId);
        return update("UPDATE quarantine SET state = 'RELEASED', released_at = ?, released_by = ?, release_reply = ?, "
                        + "release_token = NULL WHERE queue_id = ? AND state = 'RELEASE_UNCERTAIN'",
                Jdbc.timestamp(clock.instant()), ColumnText.of(by, 100), ColumnText.of(reply, TEXT), queueId) == 1;
    }

    /**
     * Releases that began before {@code startedBefore} and have no outcome (the gateway stopped
     * during them, or they outlived any timeout) become RELEASE_UNCERTAIN. Their attempt, should it
     * still be running, settles the entry when it ends. Returns how many there were.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int interrupted(Instant startedBefore, String reply) {
        return update("UPDATE quarantine SET state = 'RELEASE_UNCERTAIN', release_reply = ? WHERE state = 'RELEASING' "
                + "AND (release_started_at IS NULL OR release_started_at < ?)", ColumnText.of(reply, TEXT),
                Jdbc.timestamp(startedBefore));
    }

    /** Deletes the entry unless it is being released right now; false if there was nothing to delete. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean delete(String queueId) {
        return update("DELETE FROM quarantine WHERE queue_id = ? AND state <> 'RELEASING'", queueId) == 1;
    }

    /** The outcome of the attempt with this token, while it is still that attempt's to settle. */
    private boolean settle(String assignments, String queueId, String token, Object... values) {
        Object[] params = Arrays.copyOf(values, values.length + 2);
        params[values.length] = queueId;
        params[values.length + 1] = token;
        return update("UPDATE quarantine SET " + assignments + " WHERE queue_id = ? AND release_token = ? "
                + "AND state IN ('RELEASING', 'RELEASE_UNCERTAIN')", params) == 1;
    }

    /** Held messages not yet in a digest, by recipient (in order of arrival). */
    public Map<String, List<QuarantinedMessage>> undigested() {
        Map<String, List<QuarantinedMessage>> byRecipient = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT r.lower_address, " + prefixed("q.")
                     + " FROM quarantine q JOIN quarantine_recipient r ON r.queue_id = q.queue_id "
                     + "WHERE q.state = 'HELD' AND q.digest_sent_at IS NULL AND r.released_at IS NULL "
                     + "ORDER BY r.lower_address, q.received_at, q.queue_id")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byRecipient.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(row(rs));
                }
            }
            Map<String, Recipients> recipients = recipients(c, byRecipient.values().stream().flatMap(List::stream)
                    .map(QuarantinedMessage::queueId).distinct().toList());
            byRecipient.replaceAll((k, v) -> withRecipients(v, recipients));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quarantine: " + e.getMessage(), e);
        }
        return byRecipient;
    }

    public void digested(List<String> queueIds, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE quarantine SET digest_sent_at = ? WHERE queue_id = ?")) {
            for (String id : queueIds) {
                s.setObject(1, Jdbc.timestamp(at));
                s.setString(2, id);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("changing the quarantine: " + e.getMessage(), e);
        }
    }

    /** The form searches and digests compare: lower case, fit for the column. */
    static String normalized(String address) {
        return ColumnText.of(address.toLowerCase(Locale.ROOT), ADDRESS);
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(c -> alias + c).reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    private List<QuarantinedMessage> query(String sql, Where where, Object... more) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = where.bind(s, 1);
            for (Object o : more) {
                s.setObject(i++, o);
            }
            List<QuarantinedMessage> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return withRecipients(rows, recipients(c, rows.stream().map(QuarantinedMessage::queueId).toList()));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quarantine: " + e.getMessage(), e);
        }
    }

    /** The recipients of these entries in their order, and which of them it was released to, by queue id. */
    private record Recipients(List<String> all, List<String> released) {
    }

    private static Map<String, Recipients> recipients(Connection c, List<String> queueIds) throws SQLException {
        Map<String, Recipients> byId = new HashMap<>();
        for (int from = 0; from < queueIds.size(); from += IDS_PER_QUERY) {
            List<String> ids = queueIds.subList(from, Math.min(queueIds.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT queue_id, address, released_at FROM "
                    + "quarantine_recipient WHERE queue_id IN (" + marks + ") ORDER BY queue_id, seq")) {
                for (int i = 0; i < ids.size(); i++) {
                    s.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Recipients r = byId.computeIfAbsent(rs.getString(1),
                                k -> new Recipients(new ArrayList<>(), new ArrayList<>()));
                        r.all().add(rs.getString(2));
                        if (rs.getObject(3) != null) {
                            r.released().add(rs.getString(2));
                        }
                    }
                }
            }
        }
        return byId;
    }

    private static List<QuarantinedMessage> withRecipients(List<QuarantinedMessage> rows,
                                                           Map<String, Recipients> recipients) {
        Recipients none = new Recipients(List.of(), List.of());
        return rows.stream().map(m -> {
            Recipients r = recipients.getOrDefault(m.queueId(), none);
            return m.withRecipients(r.all(), r.released());
        }).toList();
    }

    private String single(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quarantine: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        return Jdbc.update(dataSource, "the quarantine", sql, params);
    }

    /** One entry without its recipients, which come from their own table. */
    private static QuarantinedMessage row(ResultSet rs) throws SQLException {
        return new QuarantinedMessage(rs.getString("queue_id"), Jdbc.instant(rs, "received_at"),
                rs.getString("client_ip"), rs.getString("sender"), List.of(), rs.getString("subject"),
                rs.getString("reason"), rs.getString("policy"), rs.getLong("size"), rs.getString("virus"),
                Jdbc.nullableDouble(rs, "spam_score"), QuarantineState.valueOf(rs.getString("state")),
                Jdbc.instant(rs, "release_started_at"), Jdbc.instant(rs, "released_at"), rs.getString("released_by"),
                rs.getString("release_reply"), List.of());
    }
}
