package io.sluice.pipeline;

import io.sluice.dmarc.report.ReportRow;
import io.sluice.pipeline.MessageLedger.Outcome;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Counts a settled message's DMARC aggregate report row ({@link AuthenticateMessage} made it),
 * with the disposition the gateway actually applied (RFC 7489 Appendix C: "the policy actually
 * applied"): DMARC asks, the policy's rules decide. A failure whose domain asked for reject or
 * quarantine but that the policy delivered (its DMARC rule removed or moved below an accepting
 * one), or held where rejection was asked, is reported as what happened, with the reason
 * {@code local_policy}. A message deferred with a 4xx is not counted: the client sends it again,
 * and it counts once, when it is settled.
 */
final class CountReportRow implements EndOfDataStep {

    private final BiConsumer<ReportRow, Instant> rows;
    private final Clock clock;

    CountReportRow(BiConsumer<ReportRow, Instant> rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public void apply(EndOfData m) {
        if (m.reportRow != null && m.outcome() != Outcome.DEFERRED) {
            rows.accept(applied(m.reportRow, m.outcome()), clock.instant());
        }
    }

    /** The row with the disposition the outcome shows, where the gateway did less than DMARC asked. */
    static ReportRow applied(ReportRow row, Outcome outcome) {
        String asked = row.disposition();
        String done = switch (outcome) {
            case DELIVERED -> "none";
            case QUARANTINED -> asked.equals("reject") ? "quarantine" : asked;
            default -> asked;
        };
        return done.equals(asked) ? row : row.applied(done, "local_policy",
                "the receiver's policy " + (done.equals("none") ? "delivered" : "quarantined") + " it");
    }
}
