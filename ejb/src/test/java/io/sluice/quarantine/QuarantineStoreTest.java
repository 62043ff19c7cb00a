package io.sluice.quarantine;

import io.sluice.api.MessageSource;
import io.sluice.persistence.TestDatabase;
import io.sluice.security.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quarantine's rows in a real database (H2, and PostgreSQL when configured). */
class QuarantineStoreTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** A test with a store on a fresh database of its own. */
    interface StoreTest {
        void run(QuarantineStore store, TestDatabase db) throws Exception;
    }

    private static void on(String kind, StoreTest test) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            test.run(store(db), db);
        }
    }

    static QuarantineStore store(TestDatabase db) {
        QuarantineStore store = new QuarantineStore();
        store.dataSource = db.dataSource();
        return store;
    }

    static void hold(QuarantineStore store, String queueId, List<String> recipients, String subject) throws Exception {
        store.hold(new HeldMessage(queueId, Instant.now(), "192.0.2.1", "ann@example.org", recipients, subject,
                "hold: clean", "Hold", null, null, 1.0), MessageSource.of(("Subject: x\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** More than 8,000 characters of recipients, two of them differing only in case. */
    static List<String> manyRecipients() {
        List<String> all = new ArrayList<>(IntStream.range(0, 98)
                .mapToObj(i -> String.format("Recipient-%03d-%s@example.com", i, "y".repeat(70))).toList());
        all.add("Bob@example.com");
        all.add("bob@example.com");
        return all;
    }

    private static QuarantineState state(QuarantineStore store, String queueId) {
        return store.find(queueId).orElseThrow().state();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyRecipientIsKeptAsGivenAndInOrderAndFoundIgnoringCase(String kind) throws Exception {
        on(kind, (store, db) -> {
            List<String> recipients = manyRecipients();
            assertTrue(String.join(",", recipients).length() > 8000);
            hold(store, "Q1", recipients, "Offer");
            hold(store, "Q2", List.of("carol@example.com"), "Other");
            assertEquals(recipients, store.find("Q1").orElseThrow().recipients());
            assertEquals(List.of("Q1"), store.ids(query(recipients.get(97).toUpperCase()), 10));
            assertEquals(List.of("Q1"), store.ids(query("BOB@example.com"), 10));
            assertEquals(List.of("Q2"), store.search(query("Carol@Example.com"), 0, 10).items().stream()
                    .map(QuarantinedMessage::queueId).toList());
            assertEquals(recipients, store.search(query(null), 0, 10).items().stream()
                    .filter(m -> m.queueId().equals("Q1")).findFirst().orElseThrow().recipients());

            Map<String, List<QuarantinedMessage>> digest = store.undigested();
            assertEquals(1, digest.get("bob@example.com").size(), "listed once for Bob and bob");
            assertEquals(recipients, digest.get("bob@example.com").get(0).recipients());
            assertEquals(100, digest.size());
        });
    }

    private static QuarantineQuery query(String recipient) {
        return new QuarantineQuery(null, recipient, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void controlCharactersInTheSubjectAreStoredReplaced(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("bob@example.com"), "caf\u0000\u0001e");
            assertEquals("caf\ufffd\ufffde", store.find("Q1").orElseThrow().subject());
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTheClaimingAttemptSettlesARelease(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("bob@example.com"), "Offer");
            String token = store.claim("Q1", "admin", false);
            assertNotNull(token);
            assertNull(store.claim("Q1", "admin", false), "a second release");
            assertNull(store.claim("Q1", "admin", true), "not even knowingly while it runs");
            assertFalse(store.delete("Q1"), "not while it is being released");
            assertFalse(store.released("Q1", "another-attempt", "250 Ok", List.of("bob@example.com")));
            assertEquals(QuarantineState.RELEASING, state(store, "Q1"));
            assertNotNull(store.find("Q1").orElseThrow().releaseStartedAt());
            assertTrue(store.released("Q1", token, "250 2.0.0 Ok: queued as D1", List.of("bob@example.com")));
            QuarantinedMessage m = store.find("Q1").orElseThrow();
            assertEquals(QuarantineState.RELEASED, m.state());
            assertEquals("250 2.0.0 Ok: queued as D1", m.releaseReply());
            assertNull(store.claim("Q1", "admin", true));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReleaseThatCertainlyFailedIsHeldAgain(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("bob@example.com"), "Offer");
            String token = store.claim("Q1", "admin", false);
            assertTrue(store.unclaim("Q1", token, "refused"));
            QuarantinedMessage m = store.find("Q1").orElseThrow();
            assertEquals(QuarantineState.HELD, m.state());
            assertNull(m.releasedBy());
            assertFalse(store.released("Q1", token, "250 late", List.of("bob@example.com")), "the old attempt has no say any more");
            assertNotNull(store.claim("Q1", "admin", false));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUncertainReleaseWaitsForAnAdministrator(String kind) throws Exception {
        on(kind, (store, db) -> {
            for (String id : List.of("Q1", "Q2", "Q3")) {
                hold(store, id, List.of("bob@example.com"), "Offer");
                assertTrue(store.uncertain(id, store.claim(id, "admin", false), "connection lost after the message"));
                assertEquals(QuarantineState.RELEASE_UNCERTAIN, state(store, id));
                assertNull(store.claim(id, "admin", false), "never released again by itself");
            }
            assertEquals(List.of("Q1", "Q2", "Q3"), store.ids(new QuarantineQuery(null, null, null, null, null,
                    QuarantineState.RELEASE_UNCERTAIN, null, null), 10));

            assertTrue(store.markReleased("Q1", "auditor", "marked"));
            assertEquals(QuarantineState.RELEASED, state(store, "Q1"));
            assertFalse(store.markReleased("Q1", "auditor", "marked"), "only from uncertain");

            String again = store.claim("Q2", "admin", true);
            assertNotNull(again, "released again knowingly");
            assertTrue(store.released("Q2", again, "250 Ok", List.of("bob@example.com")));

            assertTrue(store.delete("Q3"));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void releasesWithoutAnOutcomeBecomeUncertainAndTheirAttemptCanStillSettleThem(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("bob@example.com"), "Offer");
            hold(store, "Q2", List.of("bob@example.com"), "Offer");
            hold(store, "Q3", List.of("bob@example.com"), "Offer");
            Instant claimed = Instant.parse("2026-11-30T08:00:00Z");
            store.clock = Clock.fixed(claimed, ZoneOffset.UTC);
            String one = store.claim("Q1", "admin", false);
            String two = store.claim("Q2", "admin", false);
            db.update("UPDATE quarantine SET state = 'RELEASING', release_started_at = NULL WHERE queue_id = 'Q3'");

            assertEquals(1, store.interrupted(claimed.minusSeconds(60), "no start time"), "only Q3: the "
                    + "others are too recent, and a release from before start times were kept is old enough");
            assertEquals("no start time", store.find("Q3").orElseThrow().releaseReply());
            assertEquals(0, store.interrupted(claimed, "too soon"), "begun at that instant, not before it");
            assertEquals(2, store.interrupted(claimed.plusMillis(1), "the gateway stopped"));
            assertEquals(QuarantineState.RELEASE_UNCERTAIN, state(store, "Q1"));
            assertEquals("the gateway stopped", store.find("Q2").orElseThrow().releaseReply());

            assertTrue(store.released("Q1", one, "250 Ok", List.of("bob@example.com")), "its 250 came after all");
            assertEquals(QuarantineState.RELEASED, state(store, "Q1"));
            assertTrue(store.unclaim("Q2", two, "550 refused"), "its refusal came after all");
            assertEquals(QuarantineState.HELD, state(store, "Q2"));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageIsReleasedToSomeRecipientsAndStaysHeldForTheRest(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("Bob@example.com", "dave@example.org", "erin@example.org"), "Offer");
            String first = store.claim("Q1", "orgadmin", false);
            assertTrue(store.released("Q1", first, "250 Ok: D1", List.of("dave@example.org")));
            QuarantinedMessage m = store.find("Q1").orElseThrow();
            assertEquals(QuarantineState.HELD, m.state());
            assertEquals(List.of("dave@example.org"), m.releasedRecipients());
            assertEquals(List.of("Bob@example.com", "erin@example.org"), m.unreleasedWithin(Scope.EVERYTHING));
            assertEquals(List.of("erin@example.org"), m.unreleasedWithin(new Scope.Domains(Set.of("example.org"))));
            // only the unreleased recipients are in the next digest
            assertEquals(Set.of("bob@example.com", "erin@example.org"), store.undigested().keySet());

            String second = store.claim("Q1", "admin", false);
            assertTrue(store.released("Q1", second, "250 Ok: D2", List.of("Bob@example.com", "erin@example.org")));
            assertEquals(QuarantineState.RELEASED, state(store, "Q1"));
            assertEquals(List.of("Bob@example.com", "dave@example.org", "erin@example.org"),
                    store.find("Q1").orElseThrow().releasedRecipients());
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScopeFindsOnlyItsRecipientsMailAndDeletesItForThemAlone(String kind) throws Exception {
        on(kind, (store, db) -> {
            hold(store, "Q1", List.of("bob@example.com"), "For com");
            hold(store, "Q2", List.of("bob@example.com", "Dave@Example.org"), "For both");
            hold(store, "Q3", List.of("carol@a_b.example"), "Look-alike");
            hold(store, "Q4", List.of("carol@axb.example"), "Other");
            Scope org = new Scope.Domains(Set.of("example.org", "a_b.example"));
            QuarantineQuery byOrg = new QuarantineQuery(null, null, null, null, null, null, null, null, org);
            assertEquals(List.of("Q2", "Q3"), store.ids(byOrg, 10));
            Scope dave = new Scope.Mailbox("dave@example.org");
            assertEquals(List.of("Q2"), store.ids(new QuarantineQuery(null, null, null, null, null, null, null, null,
                    dave), 10));
            assertEquals(List.of("Dave@Example.org"), store.find("Q2").orElseThrow().narrowedTo(dave).recipients());

            assertTrue(store.deleteFor("Q2", dave));
            assertEquals(List.of("bob@example.com"), store.find("Q2").orElseThrow().recipients());
            assertTrue(store.deleteFor("Q3", org));
            assertTrue(store.find("Q3").isEmpty(), "no recipient left: the entry goes");
            String token = store.claim("Q1", "admin", false);
            assertFalse(store.deleteFor("Q1", new Scope.Mailbox("bob@example.com")),
                    "not while it is being released");
            assertEquals(List.of("bob@example.com"), store.find("Q1").orElseThrow().recipients());
            assertNotNull(token);
        });
    }
}
