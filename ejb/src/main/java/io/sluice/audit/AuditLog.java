package io.sluice.audit;

import io.sluice.manage.Checks;
import io.sluice.manage.Page;
import io.sluice.persistence.Jdbc;
import io.sluice.persistence.Where;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The audit log: every change made through the admin API or the console, written after the change
 * succeeded, newest first when searched. Texts are cut to their columns; the documents are kept
 * whole. Old entries go with the retention setting ({@code retention.auditDays}).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final String COLUMNS = "id, at, username, address, action, target, before_doc, after_doc";

    /** When an entry is written ({@link Clock#systemUTC()} or a test's). */
    Clock clock = Clock.systemUTC();

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    /** Writes one entry; a failure to write it is logged, the change it describes stands. */
    public void record(String user, String address, String action, String target, String before, String after) {
        Instant at = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + "audit_log (at, username, address, action, target, before_doc, after_doc) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, Jdbc.timestamp(at));
            s.setString(2, Jdbc.cut(user, 100));
            s.setString(3, Jdbc.cut(address, 64));
            s.setString(4, Jdbc.cut(action, 32));
            s.setString(5, Jdbc.cut(target, 400));
            s.setString(6, before);
            s.setString(7, after);
            s.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warning(() -> "audit log: could not record " + action + " " + target + " by " + user + ": " + e.getMessage());
        }
        LOG.fine(() -> "audit: " + user + " from " + address + " " + action + " " + target);
    }

    public Page<AuditEntry> search(AuditQuery q, int page, int size) {
        Checks.page(page);
        Checks.size(size);
        Where where = q.where();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.Rows<AuditEntry> r = Jdbc.page(c, COLUMNS, "audit_log", where, "at DESC, id DESC", page, size,
                    rs -> new AuditEntry(rs.getLong("id"), Jdbc.instant(rs, "at"), rs.getString("username"),
                            rs.getString("address"), rs.getString("action"), rs.getString("target"),
                            rs.getString("before_doc"), rs.getString("after_doc")));
            return new Page<>(r.items(), page, size, r.total());
        } catch (SQLException e) {
            throw new IllegalStateException("searching the audit log: " + e.getMessage(), e);
        }
    }
}
