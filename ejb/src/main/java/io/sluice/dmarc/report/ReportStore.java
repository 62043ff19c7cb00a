package io.sluice.dmarc.report;

import io.sluice.persistence.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report rows every node counted, until a report has covered them: one row per distinct
 * combination ({@link ReportRow#key()}), with its message count. Nodes add to a row with
 * {@code count = count + n}; a report subtracts what it covered, so that messages counted while it
 * was being sent stay for the next one. Each call runs on a connection of its own (autocommit).
 */
@ApplicationScoped
public class ReportStore {

    private static final String COLUMNS = "row_key, policy_domain, source_ip, header_from, envelope_from, disposition, "
            + "dkim_evaluated, spf_evaluated, override_type, override_comment, dkim_results, spf_domain, spf_scope, spf_result, "
            + "policy_p, policy_sp, policy_pct, policy_adkim, policy_aspf, policy_fo, rua, message_count, first_seen, last_seen";

    /** A row as stored: what it says, and how many messages it stands for. */
    public record Stored(String key, ReportRow row, ReportTally tally) {
    }

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    public ReportStore() {
    }

    public ReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds counted rows to the stored ones. */
    public void add(Map<ReportRow, ReportTally> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<ReportRow, ReportTally> e : rows.entrySet()) {
                String key = e.getKey().key();
                if (addTo(c, key, e.getValue()) == 0) {
                    try {
                        insert(c, key, e.getKey(), e.getValue());
                    } catch (SQLException ex) {
                        if (!"23505".equals(ex.getSQLState())) {
                            throw ex;
                        }
                        addTo(c, key, e.getValue()); // another node inserted it meanwhile
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DMARC report rows: " + e.getMessage(), e);
        }
    }

    private static int addTo(Connection c, String key, ReportTally t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE dmarc_report_row SET message_count = message_count + ?, "
                + "first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END, "
                + "last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE row_key = ?")) {
            s.setLong(1, t.count());
            s.setObject(2, Jdbc.timestamp(t.firstSeen()));
            s.setObject(3, Jdbc.timestamp(t.firstSeen()));
            s.setObject(4, Jdbc.timestamp(t.lastSeen()));
            s.setObject(5, Jdbc.timestamp(t.lastSeen()));
            s.setString(6, key);
            return s.executeUpdate();
        }
    }

    private static void insert(Connection c, String key, ReportRow r, ReportTally t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dmarc_report_row (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, Jdbc.cut(r.policyDomain(), 253));
            s.setString(3, Jdbc.cut(r.sourceIp(), 45));
            s.setString(4, Jdbc.cut(r.headerFrom(), 253));
            s.setString(5, Jdbc.cut(r.envelopeFrom(), 253));
            s.setString(6, r.disposition());
            s.setString(7, r.dkim());
            s.setString(8, r.spf());
            s.setString(9, r.overrideType());
            s.setString(10, Jdbc.cut(r.overrideComment(), 500));
            s.setString(11, Jdbc.cut(r.dkimText(), 4000));
            s.setString(12, Jdbc.cut(r.spfDomain(), 253));
            s.setString(13, r.spfScope());
            s.setString(14, r.spfResult());
            s.setString(15, r.published().p());
            s.setString(16, r.published().sp());
            s.setInt(17, r.published().pct());
            s.setString(18, r.published().adkim());
            s.setString(19, r.published().aspf());
            s.setString(20, r.published().fo());
            s.setString(21, Jdbc.cut(String.join(",", r.published().rua()), 2000));
            s.setLong(22, t.count());
            s.setObject(23, Jdbc.timestamp(t.firstSeen()));
            s.setObject(24, Jdbc.timestamp(t.lastSeen()));
            s.executeUpdate();
        }
    }

    /** The policy domains that have rows, in order. */
    public List<String> domains() {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT policy_domain FROM dmarc_report_row ORDER BY policy_domain");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("DMARC report rows: " + e.getMessage(), e);
        }
    }

    /** A domain's rows with a count, the newest last (its policy is the one a report shows). */
    public List<Stored> rows(String policyDomain) {
        List<Stored> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM dmarc_report_row "
                     + "WHERE policy_domain = ? AND message_count > 0 ORDER BY last_seen, row_key")) {
            s.setString(1, policyDomain);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ReportRow row = new ReportRow(rs.getString("policy_domain"), rs.getString("source_ip"),
                            rs.getString("header_from"), rs.getString("envelope_from"), rs.getString("disposition"),
                            rs.getString("dkim_evaluated"), rs.getString("spf_evaluated"), rs.getString("override_type"),
                            rs.getString("override_comment"), ReportRow.dkimOf(rs.getString("dkim_results")),
                            rs.getString("spf_domain"), rs.getString("spf_scope"), rs.getString("spf_result"),
                            new ReportRow.Published(rs.getString("policy_p"), rs.getString("policy_sp"), rs.getInt("policy_pct"),
                                    rs.getString("policy_adkim"), rs.getString("policy_aspf"), rs.getString("policy_fo"),
                                    rs.getString("rua").isEmpty() ? List.of() : List.of(rs.getString("rua").split(","))));
                    out.add(new Stored(rs.getString("row_key").trim(), row, new ReportTally(rs.getLong("message_count"),
                            Jdbc.instant(rs, "first_seen"), Jdbc.instant(rs, "last_seen"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("DMARC report rows: " + e.getMessage(), e);
        }
    }

    /** Takes the messages a report covered off their rows; rows left with none are deleted. */
    public void covered(List<Stored> rows) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement sub = c.prepareStatement(
                     "UPDATE dmarc_report_row SET message_count = message_count - ? WHERE row_key = ?");
             PreparedStatement del = c.prepareStatement(
                     "DELETE FROM dmarc_report_row WHERE row_key = ? AND message_count <= 0")) {
            for (Stored r : rows) {
                sub.setLong(1, r.tally().count());
                sub.setString(2, r.key());
                sub.executeUpdate();
                del.setString(1, r.key());
                del.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DMARC report rows: " + e.getMessage(), e);
        }
    }

    /** Deletes rows no message came for since {@code before} (reports that could not be sent). */
    public int purge(Instant before) {
        return Jdbc.update(dataSource, "dmarc_report_row", "DELETE FROM dmarc_report_row WHERE last_seen < ?",
                Jdbc.timestamp(before));
    }
}
