package io.sluice.quarantine;

import io.sluice.api.MessageSource;
import io.sluice.manage.Page;
import io.sluice.persistence.Jdbc;
import io.sluice.persistence.Where;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quarantine's rows. Plain JDBC on the gateway's JTA datasource: the message octets go in
 * chunks straight from the spool to the database, in the same transaction as the metadata, and
 * that transaction commits before {@link #hold} returns, i.e. before the client hears 250.
 */
@Stateless
@LocalBean
public class QuarantineStore {

    private static final String COLUMNS = "queue_id, received_at, client_ip, sender, recipients, subject, reason, "
            + "policy, size, virus, spam_score, state, released_at, released_by, release_reply";

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    /** Stores the message and commits; throws if it could not be stored durably. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void hold(HeldMessage m, MessageSource content) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quarantine (queue_id, received_at, client_ip, "
                    + "sender, recipients, subject, reason, policy, size, body_type, virus, spam_score, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, m.queueId());
                s.setObject(2, Jdbc.timestamp(m.receivedAt()));
                s.setString(3, m.clientIp());
                s.setString(4, Jdbc.cut(m.sender(), 320));
                s.setString(5, Jdbc.cut(String.join(",", m.recipients()), 8000));
                s.setString(6, Jdbc.cut(m.subject(), 1000));
                s.setString(7, Jdbc.cut(m.reason(), 1000));
                s.setString(8, Jdbc.cut(m.policy(), 100));
                s.setLong(9, content.size());
                s.setString(10, m.bodyType());
                s.setString(11, Jdbc.cut(m.virus(), 1000));
                if (m.spamScore() == null) {
                    s.setNull(12, Types.DOUBLE);
                } else {
                    s.setDouble(12, m.spamScore());
                }
                s.setString(13, QuarantineState.HELD.name());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO quarantine_recipient (queue_id, address) VALUES (?, ?)")) {
                for (String r : new LinkedHashSet<>(m.recipients().stream().map(QuarantineStore::normalized).toList())) {
                    s.setString(1, m.queueId());
                    s.setString(2, r);
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

    /** Takes a held message for release; false if it is not held (released, being released, gone). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String queueId, String by) {
        return update("UPDATE quarantine SET state = 'RELEASING', released_by = ? WHERE queue_id = ? AND state = 'HELD'",
                by, queueId) == 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void released(String queueId, String reply) {
        update("UPDATE quarantine SET state = 'RELEASED', released_at = ?, release_reply = ? WHERE queue_id = ?",
                Jdbc.timestamp(Instant.now()), Jdbc.cut(reply, 1000), queueId);
    }

    /** A release that failed: the message is held again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void unclaim(String queueId, String reply) {
        update("UPDATE quarantine SET state = 'HELD', released_by = NULL, release_reply = ? WHERE queue_id = ?",
                Jdbc.cut(reply, 1000), queueId);
    }

    /** Deletes the entry unless it is being released right now; false if there was nothing to delete. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean delete(String queueId) {
        return update("DELETE FROM quarantine WHERE queue_id = ? AND state <> 'RELEASING'", queueId) == 1;
    }

    /** Held messages not yet in a digest, by recipient (in order of arrival). */
    public Map<String, List<QuarantinedMessage>> undigested() {
        Map<String, List<QuarantinedMessage>> byRecipient = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT r.address, " + prefixed("q.") + " FROM quarantine q "
                     + "JOIN quarantine_recipient r ON r.queue_id = q.queue_id WHERE q.state = 'HELD' "
                     + "AND q.digest_sent_at IS NULL ORDER BY r.address, q.received_at, q.queue_id")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byRecipient.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(row(rs));
                }
            }
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

    static String normalized(String address) {
        return Jdbc.cut(address.toLowerCase(Locale.ROOT), 320);
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
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quarantine: " + e.getMessage(), e);
        }
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

    private static QuarantinedMessage row(ResultSet rs) throws SQLException {
        String recipients = rs.getString("recipients");
        String state = rs.getString("state");
        return new QuarantinedMessage(rs.getString("queue_id"), Jdbc.instant(rs, "received_at"),
                rs.getString("client_ip"), rs.getString("sender"),
                recipients.isEmpty() ? List.of() : List.of(recipients.split(",")), rs.getString("subject"),
                rs.getString("reason"), rs.getString("policy"), rs.getLong("size"), rs.getString("virus"),
                Jdbc.nullableDouble(rs, "spam_score"), QuarantineState.valueOf(state),
                Jdbc.instant(rs, "released_at"), rs.getString("released_by"), rs.getString("release_reply"));
    }
}
