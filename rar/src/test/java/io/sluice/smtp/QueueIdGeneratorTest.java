package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueIdGeneratorTest {

    @Test
    void idsAreUniqueSixteenCharactersAndSortByTime() {
        TestClock clock = new TestClock();
        QueueIdGenerator ids = new QueueIdGenerator(7, clock);
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 100_000; i++) {
            if (i % 1000 == 0) {
                clock.advance(Duration.ofMillis(1)); // some ids share a millisecond, some do not
            }
            String id = ids.next();
            assertEquals(16, id.length());
            assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{16}"), id);
            assertTrue(seen.add(id), "duplicate " + id);
            if (i % 10_000 == 0) {
                assertTrue(id.substring(0, 10).compareTo(previous.isEmpty() ? "" : previous.substring(0, 10)) > 0);
                previous = id;
            }
        }
        String before = ids.next();
        clock.advance(Duration.ofMillis(1));
        assertTrue(ids.next().substring(0, 10).compareTo(before.substring(0, 10)) > 0, "a later millisecond sorts after");
    }

    @Test
    void twoNodesNeverCollideAtTheSameInstant() {
        TestClock clock = new TestClock(); // standing still: every id of both nodes has the same time part
        QueueIdGenerator a = new QueueIdGenerator(1, clock);
        QueueIdGenerator b = new QueueIdGenerator(2, clock);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(a.next()));
            assertTrue(seen.add(b.next()));
        }
    }
}
