package io.sluice.tracking;

import io.sluice.manage.Violation;
import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Searching and counting the sender checks' results in a real database (H2, and PostgreSQL when configured). */
class TrackingSearchTest {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static TrackingRecord record(String queueId, String spf, String dnsbl, String dkim, String dmarc, String greylist) {
        return new TrackingRecord(queueId, T, T, T, "192.0.2.1", "client.example", false, null, "ann@example.org",
                List.of("bob@example.com"), 100, List.of(), null, null, "clean", "Default", null, "DELIVERED",
                "250 2.0.0 Ok", "250 Ok", null, null, 1.0, spf, dnsbl, dkim, dmarc, greylist);
    }

    private static List<String> found(TrackingSearch search, CheckFilter checks) {
        return search.search(new TrackingQuery(null, null, null, null, null, null, null, checks, null, null, null), 0, 50)
                .items().stream().map(TrackingRecord::queueId).sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchedAndCountedByEachCheck(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            new TrackingTable(db.dataSource()).write(List.of(
                    record("Q1", "pass", null, "pass d=example.org s=a; fail d=other.example s=b", "pass", "passed"),
                    record("Q2", "fail", "zen.test client 192.0.2.1=127.0.0.2", "fail d=example.org s=a; pass d=x.example s=c",
                            "fail reject", "known"),
                    record("Q3", "softfail", null, "none", "fail none", "exempt"),
                    record("Q4", null, null, "temperror d=example.org s=a", "temperror", null),
                    record("Q5", null, "dbl.test sender example.org=127.0.1.2", null, null, null)));
            TrackingSearch search = new TrackingSearch();
            search.dataSource = db.dataSource();
            search.clock = Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC);

            assertEquals(List.of("Q2"), found(search, new CheckFilter("FAIL", null, null, null, null)));
            assertEquals(List.of("Q1", "Q2"), found(search, new CheckFilter(null, "pass", null, null, null)));
            assertEquals(List.of("Q1", "Q2"), found(search, new CheckFilter(null, "fail", null, null, null)));
            assertEquals(List.of("Q3"), found(search, new CheckFilter(null, "none", null, null, null)));
            assertEquals(List.of("Q2", "Q3"), found(search, new CheckFilter(null, null, "fail", null, null)));
            assertEquals(List.of("Q2"), found(search, new CheckFilter(null, null, "reject", null, null)));
            assertEquals(List.of(), found(search, new CheckFilter(null, null, "quarantine", null, null)));
            assertEquals(List.of("Q1"), found(search, new CheckFilter(null, null, null, "passed", null)));
            assertEquals(List.of("Q2", "Q5"), found(search, new CheckFilter(null, null, null, null, true)));
            assertEquals(List.of("Q1", "Q3", "Q4"), found(search, new CheckFilter(null, null, null, null, false)));
            assertEquals(List.of("Q2"), found(search, new CheckFilter("fail", "pass", "reject", "known", true)));

            Statistics.CheckCounts counts = search.statistics(false, null, null).senderChecks();
            assertEquals(new Statistics.CheckCounts(Map.of("pass", 1L, "fail", 1L, "softfail", 1L),
                    Map.of("pass", 2L, "none", 1L, "temperror", 1L),
                    Map.of("pass", 1L, "fail reject", 1L, "fail none", 1L, "temperror", 1L),
                    Map.of("passed", 1L, "known", 1L, "exempt", 1L), 2), counts);
        }
    }

    @org.junit.jupiter.api.Test
    void aFilterThatIsNoResultIsNamed() {
        assertEquals(List.of(new Violation("spf", "must be one of pass, fail, softfail, neutral, none, temperror, permerror"),
                        new Violation("greylist", "must be one of passed, known, exempt")),
                new CheckFilter("passed", "fail", "reject", "pass", null).violations());
        assertEquals(List.of(), CheckFilter.ANY.violations());
    }
}
