package io.sluice.dmarc.report;

import io.sluice.config.DmarcSettings;
import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which node sends a period's reports: the claim on the job's row (H2, and PostgreSQL when configured). */
class DmarcReportJobTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final DmarcSettings DAILY = new DmarcSettings(true, "dmarc@gateway.example", "", Duration.ofDays(1), "", "", "");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static DmarcReportJob node(TestDatabase db) {
        DmarcReportJob job = new DmarcReportJob();
        job.dataSource = db.dataSource();
        return job;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneNodeClaimsEachPeriodWhenItIsDue(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            DmarcReportJob a = node(db);
            DmarcReportJob b = node(db);
            assertNull(a.claim(T0, DAILY, false), "the first run starts the first period");
            assertNull(b.claim(T0.plusSeconds(3600), DAILY, false), "not due yet");
            Instant day = T0.plus(Duration.ofDays(1));
            assertEquals(T0, b.claim(day, DAILY, false));
            assertNull(a.claim(day, DAILY, false), "claimed by the other node");
            assertNull(a.claim(day.plusSeconds(5), DAILY, false), "the next period is not due");
            assertEquals(day, a.claim(day.plusSeconds(5), DAILY, true), "sent now by an administrator");
            assertEquals(List.of(List.of("dmarc-report")), db.rows("SELECT job FROM maintenance_run WHERE job = 'dmarc-report'"));

            // two nodes that read the same start: only the first update moves it
            try (Connection c = db.dataSource().getConnection()) {
                Instant start = day.plusSeconds(5);
                assertTrue(DmarcReportJob.moveStart(c, start, start.plusSeconds(60)));
                assertFalse(DmarcReportJob.moveStart(c, start, start.plusSeconds(61)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sentNowBeforeAnyRunReportsFromTheOldestRow(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            new ReportStore(db.dataSource()).add(Map.of(AggregateReportTest.signed(),
                    new ReportTally(1, T0.plusMillis(1500), T0.plusSeconds(9))));
            assertEquals(T0.plusSeconds(1), node(db).claim(T0.plusSeconds(60), DAILY, true));
        }
    }
}
