package io.sluice.tracking;

import io.sluice.persistence.TestDatabase;
import io.sluice.time.Pauser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking rows in a real database (H2, and PostgreSQL when configured): what either refused before. */
class TrackingTableTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static TrackingRecord record(String queueId, String helo, List<String> recipients, String reply) {
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        return new TrackingRecord(queueId, t, t, null, "192.0.2.1", helo, false, null, "ann@example.org", recipients,
                100, List.of(), 1.5, "BAYES_50", "clean", "Default", null, "DELIVERED", reply, null, 2.0, null, 3.0, "pass", "zen.test client 192.0.2.1=127.0.0.2",
                "pass d=example.org s=sel", "fail quarantine", "passed");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void recipientsThatDifferOnlyInCaseAreOneKeyAndTheRecordIsWritten(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            new TrackingTable(db.dataSource()).write(List.of(record("Q1", "client.example",
                    List.of("Bob@dest.test", "bob@dest.test", "carol@dest.test"), "250 Ok")));
            assertEquals(List.of(List.of("Bob@dest.test,bob@dest.test,carol@dest.test", 3)),
                    db.rows("SELECT recipients, recipient_count FROM message_log WHERE queue_id = 'Q1'"));
            assertEquals(List.of(List.of("pass", "pass d=example.org s=sel", "fail quarantine", "passed")),
                    db.rows("SELECT spf, dkim, dmarc, greylist FROM message_log WHERE queue_id = 'Q1'"));
            assertEquals(List.of(List.of("bob@dest.test"), List.of("carol@dest.test")),
                    db.rows("SELECT address FROM message_log_recipient WHERE queue_id = 'Q1' ORDER BY address"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void controlCharactersAreReplacedAndLongTextsCutToTheirColumns(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            String longAddress = "x".repeat(400) + "@example.com";
            List<String> many = java.util.stream.IntStream.range(0, 100)
                    .mapToObj(i -> "recipient-number-" + i + "-" + "y".repeat(70) + "@example.com").toList();
            List<String> recipients = new java.util.ArrayList<>(many);
            recipients.add(longAddress);
            new TrackingTable(db.dataSource()).write(List.of(record("Q2", "a\u0000b\u0001c\td\u007f",
                    recipients, "250 " + "z".repeat(2000))));
            List<Object> row = db.rows("SELECT helo, reply, recipients, recipient_count FROM message_log").get(0);
            assertEquals("a\ufffdb\ufffdc d\ufffd", row.get(0));
            assertEquals(1000, ((String) row.get(1)).length());
            String joined = (String) row.get(2);
            assertTrue(joined.length() <= 8000, "length " + joined.length());
            assertTrue(many.contains(joined.substring(joined.lastIndexOf(',') + 1)), "whole addresses only");
            assertEquals(101, ((Number) row.get(3)).intValue());
            assertEquals(101, db.rows("SELECT address FROM message_log_recipient").size());
            assertEquals(320, ((Number) db.rows("SELECT MAX(LENGTH(address)) FROM message_log_recipient").get(0).get(0))
                    .intValue());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRowTheDatabaseRefusesIsSkippedAndTheOthersOfItsBatchAreWritten(String kind) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            TrackingTable table = new TrackingTable(db.dataSource());
            table.write(List.of(record("Q1", "h", List.of("a@example.com"), "250 Ok")));
            AtomicInteger skipped = new AtomicInteger();
            TrackingWriter w = new TrackingWriter(100, 100, table, pool, new TrackingWriter.Losses() {
                @Override
                public void dropped(TrackingRecord r) {
                }

                @Override
                public void skipped(TrackingRecord r) {
                    skipped.incrementAndGet();
                }
            }, Duration.ofMillis(10), Duration.ofMillis(10), Pauser.SLEEP, 10, 0);
            w.offer(record("Q0", "h", List.of("a@example.com"), "250 Ok"));
            w.offer(record("Q1", "h", List.of("a@example.com"), "250 Ok")); // its queue id is taken
            w.offer(record("Q3", "h", List.of("A@example.com", "a@example.com"), "250 Ok"));
            assertTrue(w.flush(10_000));
            assertEquals(1, skipped.get());
            assertEquals(List.of(List.of("Q0"), List.of("Q1"), List.of("Q3")),
                    db.rows("SELECT queue_id FROM message_log ORDER BY queue_id"));
            assertTrue(table.reachable());
        } finally {
            pool.shutdownNow();
        }
    }
}
