package io.sluice.dmarc.report;

import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.sluice.dmarc.report.AggregateReportTest.BEGIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report rows in a real database (H2, and PostgreSQL when configured). */
class ReportStoreTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nodesAddToOneRowAndAReportTakesOffOnlyWhatItCovered(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            ReportStore store = new ReportStore(db.dataSource());
            ReportRow signed = AggregateReportTest.signed();
            ReportRow forwarded = AggregateReportTest.forwarded();
            store.add(Map.of(signed, new ReportTally(3, BEGIN.plusSeconds(10), BEGIN.plusSeconds(20))));
            // another node's counts of the same row and of another
            store.add(Map.of(signed, new ReportTally(2, BEGIN.plusSeconds(5), BEGIN.plusSeconds(15)),
                    forwarded, new ReportTally(1, BEGIN.plusSeconds(30), BEGIN.plusSeconds(30))));
            assertEquals(List.of("example.org"), store.domains());
            List<ReportStore.Stored> rows = store.rows("example.org");
            assertEquals(List.of(new ReportStore.Stored(signed.key(), signed, new ReportTally(5, BEGIN.plusSeconds(5), BEGIN.plusSeconds(20))),
                    new ReportStore.Stored(forwarded.key(), forwarded, new ReportTally(1, BEGIN.plusSeconds(30), BEGIN.plusSeconds(30)))),
                    rows, "read back as written, the newest last");
            assertEquals(List.of(List.of(2L)), db.rows("SELECT COUNT(*) FROM dmarc_report_row"), "one row per combination");

            // a message counted while the report was being sent stays for the next one
            store.add(Map.of(signed, new ReportTally(1, BEGIN.plusSeconds(40), BEGIN.plusSeconds(40))));
            store.covered(rows);
            assertEquals(List.of(new ReportStore.Stored(signed.key(), signed, new ReportTally(1, BEGIN.plusSeconds(5), BEGIN.plusSeconds(40)))),
                    store.rows("example.org"));
            store.covered(store.rows("example.org"));
            assertEquals(List.of(), store.domains());
            assertEquals(List.of(List.of(0L)), db.rows("SELECT COUNT(*) FROM dmarc_report_row"));

            store.add(Map.of(forwarded, new ReportTally(4, BEGIN, BEGIN.plusSeconds(60))));
            assertEquals(0, store.purge(BEGIN.plusSeconds(60)));
            assertEquals(1, store.purge(Instant.parse("2026-12-01T00:00:00Z")));
        }
    }
}
