package io.sluice.smtp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue ids: 16 characters of Crockford base32 holding the milliseconds since the epoch (48 bits),
 * a random node number (12 bits, so ids from several gateway nodes do not collide) and a counter
 * (20 bits). They sort by time, and contain no characters that are easily misread.
 */
public final class QueueIdGenerator {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final int node;
    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger();

    /** Ids whose time part comes from {@code clock} (the engine's). */
    public QueueIdGenerator(Clock clock) {
        this(new SecureRandom().nextInt(1 << 12), clock);
    }

    QueueIdGenerator(int node, Clock clock) {
        this.node = node & 0xFFF;
        this.clock = clock;
    }

    public String next() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long low = ((long) node << 20) | (counter.getAndIncrement() & 0xFFFFF);
        char[] id = new char[16];
        // 80 bits = 16 groups of 5: the top 48 from the clock, the low 32 from node and counter
        for (int i = 15; i >= 0; i--) {
            int shift = (15 - i) * 5;
            int bits;
            if (shift + 5 <= 32) {
                bits = (int) (low >>> shift) & 31;
            } else if (shift >= 32) {
                bits = (int) (millis >>> (shift - 32)) & 31;
            } else { // the group that straddles bit 32
                bits = (int) (((low >>> shift) | (millis << (32 - shift))) & 31);
            }
            id[i] = ALPHABET[bits];
        }
        return new String(id);
    }
}
