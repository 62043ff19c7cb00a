package io.sluice.quarantine;

import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** V8 moves the quarantine's comma-joined recipient lists into rows, one recipient each. */
class QuarantineMigrationTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** A quarantine row as the schema before V8 had it, with its lower-case recipient rows. */
    private static void held(TestDatabase db, String queueId, List<String> recipients) throws Exception {
        String joined = String.join(",", recipients);
        db.update("INSERT INTO quarantine (queue_id, received_at, sender, recipients, reason, policy, size, state) "
                        + "VALUES (?, ?, 'ann@example.org', ?, 'hold', 'Hold', 10, 'HELD')", queueId,
                LocalDateTime.parse("2026-11-30T08:00:00"),
                joined.length() > 8000 ? joined.substring(0, 8000) : joined); // as the old column cut it
        for (String r : new LinkedHashSet<>(recipients.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())) {
            db.update("INSERT INTO quarantine_recipient (queue_id, address) VALUES (?, ?)", queueId, r);
        }
    }

    private static List<List<Object>> rows(TestDatabase db, String queueId) throws Exception {
        return db.rows("SELECT address, lower_address FROM quarantine_recipient WHERE queue_id = ? ORDER BY seq",
                queueId);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachRecipientBecomesARowAsGivenAndInOrder(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, "4")) {
            held(db, "A1", List.of("Bob@x.test", "bob@x.test", "carol@x.test"));
            held(db, "A2", List.of("dave@x.test"));
            db.migrate(null);
            assertEquals(List.of(List.of("Bob@x.test", "bob@x.test"), List.of("bob@x.test", "bob@x.test"),
                    List.of("carol@x.test", "carol@x.test")), rows(db, "A1"));
            assertEquals(List.of(List.of("dave@x.test", "dave@x.test")), rows(db, "A2"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aListThatWasCutAtItsColumnGetsItsMissingRecipientsBackInLowerCase(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, "4")) {
            List<String> recipients = IntStream.range(0, 100)
                    .mapToObj(i -> String.format("Recipient-%03d-%s@x.test", i, "y".repeat(70))).toList();
            held(db, "A3", recipients);
            db.migrate(null);
            List<List<Object>> rows = rows(db, "A3");
            assertEquals(100, rows.size());
            List<Object> addresses = new ArrayList<>();
            rows.forEach(r -> addresses.add(r.get(0)));
            int whole = 8000 / (recipients.get(0).length() + 1); // the ones that fitted whole in 8,000 characters
            assertEquals(recipients.subList(0, whole), addresses.subList(0, whole));
            assertEquals(recipients.subList(whole, 100).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList(),
                    addresses.subList(whole, 100));
        }
    }
}
