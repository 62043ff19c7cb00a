package io.sluice.pipeline;

import io.sluice.dmarc.report.ReportRow;
import io.sluice.pipeline.MessageLedger.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The disposition a report row carries is what the gateway did, where it did less than DMARC asked. */
class CountReportRowTest {

    private static ReportRow row(String disposition, String overrideType, String comment) {
        return new ReportRow("example.org", "192.0.2.7", "example.org", "example.org", disposition, "fail", "fail", overrideType,
                comment, List.of(), "example.org", "mfrom", "none",
                new ReportRow.Published("reject", "reject", 100, "r", "r", List.of("mailto:d@example.org")));
    }

    @Test
    void whatThePolicyDidIsReported() {
        assertEquals(row("none", "local_policy", "the receiver's policy delivered it"),
                CountReportRow.applied(row("reject", null, null), Outcome.DELIVERED), "the DMARC rule did not act");
        assertEquals(row("quarantine", "local_policy", "the receiver's policy quarantined it"),
                CountReportRow.applied(row("reject", null, null), Outcome.QUARANTINED));
        assertEquals(row("none", "local_policy", "the receiver's policy delivered it"),
                CountReportRow.applied(row("quarantine", "sampled_out", null), Outcome.DELIVERED));
        ReportRow rejected = row("reject", null, null);
        assertSame(rejected, CountReportRow.applied(rejected, Outcome.REJECTED));
        ReportRow overridden = row("none", "trusted_forwarder", null);
        assertSame(overridden, CountReportRow.applied(overridden, Outcome.DELIVERED));
        ReportRow passed = row("none", null, null);
        assertSame(passed, CountReportRow.applied(passed, Outcome.REJECTED), "refused for another reason: DMARC asked nothing");
    }
}
