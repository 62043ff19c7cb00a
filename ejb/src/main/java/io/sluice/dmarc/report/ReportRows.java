package io.sluice.dmarc.report;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The report rows this node saw since it last wrote them to the database: counted in memory, so
 * that a message costs no database statement on the reply path, and written by
 * {@link DmarcReportJob} each maintenance tick. At most {@link #LIMIT} distinct rows are held; the
 * messages of rows beyond it are left out of the reports (and counted in the log) rather than
 * letting a flood of distinct source addresses fill the heap.
 */
@ApplicationScoped
public class ReportRows {

    private static final Logger LOG = Logger.getLogger(ReportRows.class.getName());
    static final int LIMIT = 10_000;

    private final ConcurrentHashMap<ReportRow, ReportTally> rows = new ConcurrentHashMap<>();
    private final AtomicLong leftOut = new AtomicLong();

    /** Counts one message of {@code row} (null: nothing to report). */
    public void seen(ReportRow row, Instant at) {
        if (row == null) {
            return;
        }
        if (rows.size() >= LIMIT && !rows.containsKey(row)) {
            leftOut.incrementAndGet();
            return;
        }
        rows.merge(row, ReportTally.one(at), ReportTally::plus);
    }

    /** Takes every row counted so far; each message is in exactly one of the results, however calls interleave. */
    public Map<ReportRow, ReportTally> drain() {
        Map<ReportRow, ReportTally> out = new LinkedHashMap<>();
        for (ReportRow r : rows.keySet()) {
            ReportTally t = rows.remove(r); // atomic per key with merge: a count lands before or after, never lost
            if (t != null) {
                out.put(r, t);
            }
        }
        long n = leftOut.getAndSet(0);
        if (n > 0) {
            LOG.warning(() -> "DMARC reports: " + n + " messages left out, more than " + LIMIT + " distinct rows at once");
        }
        return out;
    }
}
