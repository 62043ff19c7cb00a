package io.sluice.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts events per key (a client address) in fixed windows of one interval: the first event
 * opens a window, and an event beyond the limit within it is refused. Old windows are dropped as
 * the map is swept now and then, so memory follows the number of recently active clients.
 */
public final class RateWindows {

    /** One key's window: when it opened, the events counted in it, and (for {@link #take}) the refusals. */
    private record Window(long start, AtomicInteger count, AtomicInteger refused) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final LongSupplier nanoClock;

    public RateWindows() {
        this(System::nanoTime);
    }

    /** With a clock of its own ({@link System#nanoTime()} or a test's). */
    public RateWindows(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Counts one event for {@code key}; false when it is beyond {@code limit} in the current window. */
    public boolean allow(String key, int limit, Duration interval) {
        if (limit <= 0) {
            return true;
        }
        return current(key, interval).count().incrementAndGet() <= limit;
    }

    /**
     * Takes one of {@code limit} places in the current window of {@code key}, if one is free: returns
     * 0 when it did, otherwise how many attempts (this one included) have found the window full. A
     * refused attempt takes no place, so a place given back ({@link #giveBack}) can be taken again.
     */
    public int take(String key, int limit, Duration interval) {
        Window w = current(key, interval);
        int before = w.count().getAndUpdate(n -> n < limit ? n + 1 : n);
        return before < limit ? 0 : w.refused().incrementAndGet();
    }

    /**
     * Gives back a place {@link #take} took, for an event that turned out not to count. Should its
     * window have ended meanwhile, the one after it gets the place instead, never below zero.
     */
    public void giveBack(String key) {
        Window w = windows.get(key);
        if (w != null) {
            w.count().getAndUpdate(n -> n > 0 ? n - 1 : 0);
        }
    }

    /** The window of {@code key} now, a new one if it has none or its last has ended; sweeps now and then. */
    private Window current(String key, Duration interval) {
        long now = nanoClock.getAsLong();
        long length = interval.toNanos();
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= length
                ? new Window(now, new AtomicInteger(), new AtomicInteger()) : old);
        if (events.incrementAndGet() % 10_000 == 0) {
            windows.values().removeIf(x -> now - x.start() >= length);
        }
        return w;
    }

    public void clear() {
        windows.clear();
    }
}
