package io.sluice.tracking;

import io.sluice.manage.Checks;
import io.sluice.manage.Page;
import io.sluice.persistence.Jdbc;
import io.sluice.persistence.Where;
import io.sluice.policy.CheckResults;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the tracking log: searches and statistics for the admin API. */
@ApplicationScoped
public class TrackingSearch {

    /** Where the default range of the statistics ends ({@link Clock#systemUTC()} or a test's). */
    Clock clock = Clock.systemUTC();

    private static final String COLUMNS = "queue_id, received_at, decided_at, relayed_at, client_ip, helo, tls, "
            + "auth_user, sender, recipients, size, viruses, spam_score, spam_symbols, verdict, policy, actions, "
            + "outcome, reply, downstream_reply, scan_ms, relay_ms, total_ms, spf, dnsbl, dkim, dmarc, greylist";
    private static final int TOP = 10;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    public Page<TrackingRecord> search(TrackingQuery q, int page, int size) {
        Checks.page(page);
        Checks.size(size);
        Where where = q.where();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.Rows<TrackingRecord> r = Jdbc.page(c, COLUMNS, "message_log", where, "received_at DESC, queue_id",
                    page, size, TrackingSearch::row);
            return new Page<>(r.items().stream().map(t -> t.narrowedTo(q.scope())).toList(), page, size, r.total());
        } catch (SQLException e) {
            throw new IllegalStateException("searching the tracking log: " + e.getMessage(), e);
        }
    }

    /** @param daily per day (else per hour); the range defaults to the last 24 hours or 30 days */
    public Statistics statistics(boolean daily, Instant from, Instant until) {
        Instant end = until != null ? until : clock.instant();
        Instant start = from != null ? from : end.minus(daily ? Duration.ofDays(30) : Duration.ofHours(24));
        Where range = new Where().atOrAfter("received_at", start).before("received_at", end);
        String bucket = daily ? "day_bucket" : "hour_bucket";
        try (Connection c = dataSource.getConnection()) {
            Map<Instant, long[]> totals = new TreeMap<>();
            Map<Instant, Map<String, Long>> outcomes = new HashMap<>();
            Map<Instant, Map<String, Long>> verdicts = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + bucket + " AS b, outcome, verdict, COUNT(*) AS n, "
                    + "SUM(size) AS octets FROM message_log" + range.sql() + " GROUP BY " + bucket + ", outcome, verdict")) {
                range.bind(s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant b = daily ? rs.getObject("b", java.time.LocalDate.class).atStartOfDay()
                                .toInstant(java.time.ZoneOffset.UTC) : Jdbc.instant(rs, "b");
                        long n = rs.getLong("n");
                        long[] t = totals.computeIfAbsent(b, k -> new long[2]);
                        t[0] += n;
                        t[1] += rs.getLong("octets");
                        outcomes.computeIfAbsent(b, k -> new TreeMap<>()).merge(rs.getString("outcome"), n, Long::sum);
                        verdicts.computeIfAbsent(b, k -> new TreeMap<>()).merge(rs.getString("verdict"), n, Long::sum);
                    }
                }
            }
            List<Statistics.Bucket> buckets = new ArrayList<>();
            long messages = 0;
            long bytes = 0;
            Map<String, Long> allOutcomes = new TreeMap<>();
            Map<String, Long> allVerdicts = new TreeMap<>();
            for (Map.Entry<Instant, long[]> e : totals.entrySet()) {
                buckets.add(new Statistics.Bucket(e.getKey(), e.getValue()[0], e.getValue()[1],
                        outcomes.get(e.getKey()), verdicts.get(e.getKey())));
                messages += e.getValue()[0];
                bytes += e.getValue()[1];
                outcomes.get(e.getKey()).forEach((k, v) -> allOutcomes.merge(k, v, Long::sum));
                verdicts.get(e.getKey()).forEach((k, v) -> allVerdicts.merge(k, v, Long::sum));
            }
            return new Statistics(daily ? "day" : "hour", start, end,
                    new Statistics.Bucket(start, messages, bytes, allOutcomes, allVerdicts), buckets,
                    top(c, "SELECT sender AS k, COUNT(*) AS n FROM message_log" + range.sql() + " GROUP BY sender", range),
                    top(c, "SELECT r.address AS k, COUNT(*) AS n FROM message_log_recipient r JOIN message_log m "
                            + "ON m.queue_id = r.queue_id" + range.sql().replace("received_at", "m.received_at")
                            + " GROUP BY r.address", range),
                    topViruses(c, range), checkCounts(c, range));
        } catch (SQLException e) {
            throw new IllegalStateException("tracking statistics: " + e.getMessage(), e);
        }
    }

    private static List<Statistics.Count> top(Connection c, String sql, Where range) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql + " ORDER BY n DESC, k LIMIT " + TOP)) {
            range.bind(s, 1);
            List<Statistics.Count> top = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString("k");
                    top.add(new Statistics.Count(key.isEmpty() ? "<>" : key, rs.getLong("n")));
                }
            }
            return top;
        }
    }

    /**
     * One message's DKIM results reduced to one word in SQL, so that the grouping does not run per
     * signing domain: "pass" when any signature passed, else the first one's result.
     */
    private static final String DKIM_WORD = dkimWord();

    private static String dkimWord() {
        StringBuilder sql = new StringBuilder("CASE WHEN dkim LIKE 'pass%' OR dkim LIKE '%; pass%' THEN 'pass'");
        for (String word : CheckResults.DKIM) {
            if (!word.equals("pass")) {
                sql.append(" WHEN dkim LIKE '").append(word).append("%' THEN '").append(word).append('\'');
            }
        }
        return sql.append(" END").toString();
    }

    private static final String LISTED = "CASE WHEN dnsbl IS NULL THEN 0 ELSE 1 END";

    private static Statistics.CheckCounts checkCounts(Connection c, Where range) throws SQLException {
        Map<String, Long> spf = new TreeMap<>();
        Map<String, Long> dkim = new TreeMap<>();
        Map<String, Long> dmarc = new TreeMap<>();
        Map<String, Long> greylist = new TreeMap<>();
        long listed = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT spf, " + DKIM_WORD + " AS dkim_word, dmarc, greylist, "
                + LISTED + " AS listed, COUNT(*) AS n FROM message_log" + range.sql() + " GROUP BY spf, " + DKIM_WORD
                + ", dmarc, greylist, " + LISTED)) {
            range.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong("n");
                    count(spf, rs.getString("spf"), n);
                    count(dkim, rs.getString("dkim_word"), n);
                    count(dmarc, rs.getString("dmarc"), n);
                    count(greylist, rs.getString("greylist"), n);
                    listed += rs.getInt("listed") == 1 ? n : 0;
                }
            }
        }
        return new Statistics.CheckCounts(spf, dkim, dmarc, greylist, listed);
    }

    private static void count(Map<String, Long> counts, String key, long n) {
        if (key != null) {
            counts.merge(key, n, Long::sum);
        }
    }

    /** Viruses are kept as a list per message; messages with viruses are few, so they are counted here. */
    private static List<Statistics.Count> topViruses(Connection c, Where range) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        String where = range.sql().isEmpty() ? " WHERE viruses IS NOT NULL" : range.sql() + " AND viruses IS NOT NULL";
        try (PreparedStatement s = c.prepareStatement("SELECT viruses FROM message_log" + where)) {
            range.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    for (String v : new java.util.LinkedHashSet<>(List.of(rs.getString(1).split(",")))) {
                        counts.merge(v, 1L, Long::sum);
                    }
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> new Statistics.Count(e.getKey(), e.getValue())).toList();
    }

    private static TrackingRecord row(ResultSet rs) throws SQLException {
        String recipients = rs.getString("recipients");
        String viruses = rs.getString("viruses");
        return new TrackingRecord(rs.getString("queue_id"), Jdbc.instant(rs, "received_at"),
                Jdbc.instant(rs, "decided_at"), Jdbc.instant(rs, "relayed_at"), rs.getString("client_ip"),
                rs.getString("helo"), rs.getBoolean("tls"), rs.getString("auth_user"), rs.getString("sender"),
                recipients.isEmpty() ? List.of() : List.of(recipients.split(",")), rs.getLong("size"),
                viruses == null ? List.of() : List.of(viruses.split(",")), Jdbc.nullableDouble(rs, "spam_score"),
                rs.getString("spam_symbols"), rs.getString("verdict"), rs.getString("policy"), rs.getString("actions"),
                rs.getString("outcome"), rs.getString("reply"), rs.getString("downstream_reply"),
                Jdbc.nullableDouble(rs, "scan_ms"), Jdbc.nullableDouble(rs, "relay_ms"), rs.getDouble("total_ms"),
                rs.getString("spf"), rs.getString("dnsbl"), rs.getString("dkim"), rs.getString("dmarc"),
                rs.getString("greylist"));
    }
}
