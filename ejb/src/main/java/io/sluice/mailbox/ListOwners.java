package io.sluice.mailbox;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Which mailboxes have sender lists at all, read again at most once a second, so that a recipient
 * whose mailbox has none (most of them) costs no query at RCPT. A change made on this node counts
 * from the next lookup on; one made on another node within {@link #FRESH_NANOS}. With more than
 * {@link #LIMIT} owners, or while they cannot be read, every mailbox is asked about; that answer is
 * kept for {@link #EVERYONE_NANOS}: it is never wrong, only slower, and reading that many owners
 * every second would cost more than the queries it saves.
 */
final class ListOwners {

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long EVERYONE_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final int LIMIT = 10_000;

    /** Reads the owners that have entries, at most {@code limit} of them. */
    interface Reader {
        Set<String> owners(int limit) throws SQLException;
    }

    /** What was read, when, and at which generation of this node's changes. */
    private record Known(Set<String> owners, boolean everyone, long readAt, long generation) {
    }

    private final Reader reader;
    private final LongSupplier nanos;
    private final ReentrantLock reading = new ReentrantLock();
    /** Counts this node's changes: a set read before the latest one is not used again. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Known known;

    ListOwners(Reader reader, LongSupplier nanos) {
        this.reader = reader;
        this.nanos = nanos;
    }

    /** False only when the owner certainly has no entry (as of at most a second ago). */
    boolean mayHaveEntries(String owner) {
        Known k = current();
        return k.everyone() || k.owners().contains(owner);
    }

    /** A list changed on this node (after its commit): the next lookup reads the owners again. */
    void changed() {
        generation.incrementAndGet();
    }

    private Known current() {
        Known k = known;
        if (usable(k)) {
            return k;
        }
        reading.lock(); // one reader at a time; the others then take what it read
        try {
            k = known;
            if (usable(k)) {
                return k;
            }
            k = read();
            known = k;
            return k;
        } finally {
            reading.unlock();
        }
    }

    private boolean usable(Known k) {
        if (k == null) {
            return false;
        }
        long age = nanos.getAsLong() - k.readAt();
        return k.everyone() ? age < EVERYONE_NANOS : k.generation() == generation.get() && age < FRESH_NANOS;
    }

    private Known read() {
        long g = generation.get(); // before the query: a change committed meanwhile makes this set stale
        long now = nanos.getAsLong();
        try {
            Set<String> owners = reader.owners(LIMIT + 1);
            return owners.size() > LIMIT ? new Known(Set.of(), true, now, g) : new Known(owners, false, now, g);
        } catch (SQLException | RuntimeException e) {
            return new Known(Set.of(), true, now, g); // each lookup asks the database itself and reports what is wrong
        }
    }
}
