package io.sluice.mailbox;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the set of mailboxes with sender lists is read again, and what is assumed when it cannot be. */
class ListOwnersTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Set<String>> table = new AtomicReference<>(Set.of("bob@example.com"));

    private ListOwners owners(ListOwners.Reader reader) {
        return new ListOwners(reader, now::get);
    }

    private final ListOwners.Reader fromTable = limit -> {
        reads.incrementAndGet();
        return table.get();
    };

    @Test
    void theSetIsReadOnceASecond() {
        ListOwners o = owners(fromTable);
        assertTrue(o.mayHaveEntries("bob@example.com"));
        assertFalse(o.mayHaveEntries("carol@example.com"));
        table.set(Set.of("bob@example.com", "carol@example.com")); // another node adds carol's first entry
        now.addAndGet(ListOwners.FRESH_NANOS - 1);
        assertFalse(o.mayHaveEntries("carol@example.com"));
        assertEquals(1, reads.get());
        now.addAndGet(1);
        assertTrue(o.mayHaveEntries("carol@example.com"));
        assertEquals(2, reads.get());
    }

    @Test
    void aChangeOnThisNodeCountsFromTheNextLookup() {
        ListOwners o = owners(fromTable);
        assertFalse(o.mayHaveEntries("carol@example.com"));
        table.set(Set.of("bob@example.com", "carol@example.com"));
        o.changed();
        assertTrue(o.mayHaveEntries("carol@example.com"));
        assertEquals(2, reads.get());
    }

    @Test
    void aSetReadWhileAChangeWasCommittedIsNotUsedAgain() {
        ListOwners[] o = new ListOwners[1];
        o[0] = owners(limit -> {
            if (reads.incrementAndGet() == 1) {
                o[0].changed(); // committed while the first read ran: that read may have missed it
                return Set.of();
            }
            return Set.of("carol@example.com");
        });
        assertFalse(o[0].mayHaveEntries("carol@example.com"));
        assertTrue(o[0].mayHaveEntries("carol@example.com"));
        assertEquals(2, reads.get());
    }

    @Test
    void tooManyOwnersMeanEveryMailboxIsAskedAbout() {
        AtomicInteger asked = new AtomicInteger();
        ListOwners o = owners(limit -> {
            asked.set(limit);
            return java.util.stream.IntStream.range(0, limit).mapToObj(i -> "u" + i + "@example.com")
                    .collect(java.util.stream.Collectors.toSet());
        });
        assertTrue(o.mayHaveEntries("nobody@example.com"));
        assertEquals(ListOwners.LIMIT + 1, asked.get());
        asked.set(0);
        now.addAndGet(ListOwners.EVERYONE_NANOS - 1); // kept: it is never wrong, only slower
        o.changed();
        assertTrue(o.mayHaveEntries("nobody@example.com"));
        assertEquals(0, asked.get());
        now.addAndGet(1);
        assertTrue(o.mayHaveEntries("nobody@example.com"));
        assertEquals(ListOwners.LIMIT + 1, asked.get());
    }

    @Test
    void ownersThatCannotBeReadMeanEveryMailboxIsAskedAboutForAMinute() {
        ListOwners o = owners(limit -> {
            if (reads.incrementAndGet() == 1) {
                throw new SQLException("connection refused");
            }
            return Set.of();
        });
        assertTrue(o.mayHaveEntries("carol@example.com"));
        now.addAndGet(ListOwners.EVERYONE_NANOS - 1);
        assertTrue(o.mayHaveEntries("carol@example.com"));
        assertEquals(1, reads.get());
        now.addAndGet(1);
        assertFalse(o.mayHaveEntries("carol@example.com"));
        assertEquals(2, reads.get());
    }
}
