package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueIdGeneratorTest {

    @Test
    void idsAreUniqueSixteenCharactersAndSortByTime() throws InterruptedException {
        QueueIdGenerator ids = new QueueIdGenerator(7);
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next();
            assertEquals(16, id.length());
            assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{16}"), id);
            assertTrue(seen.add(id), "duplicate " + id);
            if (i % 10_000 == 0) {
                assertTrue(id.substring(0, 10).compareTo(previous.isEmpty() ? "" : previous.substring(0, 10)) >= 0);
                previous = id;
            }
        }
        String before = ids.next();
        Thread.sleep(5);
        assertTrue(ids.next().compareTo(before) > 0);
    }

    @Test
    void twoNodesNeverCollideAtTheSameInstant() {
        QueueIdGenerator a = new QueueIdGenerator(1);
        QueueIdGenerator b = new QueueIdGenerator(2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(a.next()));
            assertTrue(seen.add(b.next()));
        }
    }
}
