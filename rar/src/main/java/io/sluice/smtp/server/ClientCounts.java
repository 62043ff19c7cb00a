package io.sluice.smtp.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open connections per client address (the real one, after a PROXY header), for per-address limits. */
public final class ClientCounts {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Counts a new connection from {@code address}; returns how many are open from it now. */
    public int opened(String address) {
        return open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    public void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    public int of(String address) {
        AtomicInteger n = open.get(address);
        return n == null ? 0 : n.get();
    }
}
