package io.sluice.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts events per key (a client address) in fixed windows of one interval: the first event
 * opens a window, and an event beyond the limit within it is refused. Old windows are dropped as
 * the map is swept now and then, so memory follows the number of recently active clients.
 */
final class RateWindows {

    private record Window(long start, AtomicInteger count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();

    /** Counts one event for {@code key}; false when it is beyond {@code limit} in the current window. */
    boolean allow(String key, int limit, Duration interval) {
        if (limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        long length = interval.toNanos();
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= length
                ? new Window(now, new AtomicInteger()) : old);
        boolean allowed = w.count().incrementAndGet() <= limit;
        if (events.incrementAndGet() % 10_000 == 0) {
            windows.values().removeIf(x -> now - x.start() >= length);
        }
        return allowed;
    }

    void clear() {
        windows.clear();
    }
}
