package io.sluice.greylist;

import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.sluice.greylist.GreylistStore.Verdict.DEFERRED;
import static io.sluice.greylist.GreylistStore.Verdict.KNOWN;
import static io.sluice.greylist.GreylistStore.Verdict.PASSED_RETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Greylisting's states in a real database (H2, and PostgreSQL when configured), on a moved clock. */
class GreylistStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final GreylistStore.Timing TIMING = new GreylistStore.Timing(Duration.ofMinutes(5),
            Duration.ofHours(4), Duration.ofDays(36));

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deferredUntilTheDelayThenPassedAndTheNetworkAllowed(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            GreylistStore store = new GreylistStore(db.dataSource());
            Triplet t = Triplet.of("192.0.2.7", "Ann@Example.org", "bob@example.com");
            assertEquals(DEFERRED, store.check(t, T0, TIMING));
            assertEquals(DEFERRED, store.check(t, T0.plusSeconds(299), TIMING), "too early");
            // another recipient of the same client is a triplet of its own
            assertEquals(DEFERRED, store.check(Triplet.of("192.0.2.7", "ann@example.org", "carol@example.com"),
                    T0.plusSeconds(10), TIMING));
            assertEquals(PASSED_RETRY, store.check(Triplet.of("192.0.2.200", "ann@example.org", "bob@example.com"),
                    T0.plusSeconds(300), TIMING), "the same /24, the same sender, any case");
            assertEquals(KNOWN, store.check(Triplet.of("192.0.2.9", "zed@example.net", "dave@example.com"),
                    T0.plusSeconds(400), TIMING), "the network is on the automatic allow list");
            assertEquals(DEFERRED, store.check(Triplet.of("198.51.100.9", "zed@example.net", "dave@example.com"),
                    T0.plusSeconds(400), TIMING), "another network is not");
            assertEquals(List.of(List.of("192.0.2.0/24", "ann@example.org", "bob@example.com", true)),
                    db.rows("SELECT network, sender, recipient, passed FROM greylist_triplet WHERE passed"));
            assertEquals(KNOWN, store.check(t, T0.plus(Duration.ofDays(37)), TIMING), "a passed triplet stays known");
        }
    }

    /** Regression: with the allow list off, a passed triplet expired at once and the next purge forgot it. */
    @ParameterizedTest
    @MethodSource("databases")
    void withoutTheAllowListAPassedTripletIsKeptForTheWindowAtLeast(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            GreylistStore store = new GreylistStore(db.dataSource());
            GreylistStore.Timing noAllowList = new GreylistStore.Timing(Duration.ofSeconds(2), Duration.ofHours(4),
                    Duration.ZERO);
            Triplet t = Triplet.of("127.0.0.21", "ann@example.org", "bob@example.com");
            assertEquals(DEFERRED, store.check(t, T0, noAllowList));
            assertEquals(PASSED_RETRY, store.check(t, T0.plusSeconds(3), noAllowList));
            assertEquals(List.of(List.of(1L)), db.rows("SELECT COUNT(*) FROM greylist_triplet WHERE expires_at > '"
                    + T0.plusSeconds(3).plus(Duration.ofHours(4)).minusSeconds(1).toString().replace("T", " ")
                    .replace("Z", "") + "'"));
            assertEquals(KNOWN, store.check(t, T0.plusSeconds(4), noAllowList));
            assertEquals(DEFERRED, store.check(Triplet.of("127.0.0.21", "carl@example.org", "bob@example.com"),
                    T0.plusSeconds(4), noAllowList), "no allow list: another sender of the network is greylisted");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRetryAfterTheWindowStartsAgain(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            GreylistStore store = new GreylistStore(db.dataSource());
            Triplet t = Triplet.of("2001:db8:1:2::9", "", "bob@example.com");
            assertEquals(DEFERRED, store.check(t, T0, TIMING));
            Instant late = T0.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(4)).plusSeconds(1);
            assertEquals(DEFERRED, store.check(t, late, TIMING));
            assertEquals(DEFERRED, store.check(t, late.plusSeconds(299), TIMING));
            assertEquals(PASSED_RETRY, store.check(Triplet.of("2001:db8:1:2::77", "", "bob@example.com"),
                    late.plusSeconds(300), TIMING), "the same /64");
        }
    }

    @Test
    void networks() {
        assertEquals("192.0.2.0/24", Triplet.network("192.0.2.255"));
        assertEquals("2001:db8:0:0::/64", Triplet.network("2001:db8::1"));
        assertEquals("2001:db8:1:2::/64", Triplet.network("2001:db8:1:2:3:4:5:6"));
    }
}
