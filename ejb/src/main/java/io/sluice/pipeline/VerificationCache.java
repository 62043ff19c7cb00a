package io.sluice.pipeline;

import io.sluice.api.Reply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent downstream answers about recipients, so a burst of mail to the same address costs one
 * verification. Only definitive answers (2xx, 5xx) are kept; the map is emptied when it grows past
 * its bound rather than evicting one by one, which is cheap and good enough for a short-lived cache.
 */
final class VerificationCache {

    private record Entry(Reply reply, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    VerificationCache(long ttlMillis, int maxEntries) {
        this.ttlNanos = ttlMillis * 1_000_000;
        this.maxEntries = maxEntries;
    }

    Reply get(String address, long nowNanos) {
        Entry e = entries.get(address);
        if (e == null) {
            return null;
        }
        if (nowNanos - e.expiresAtNanos() >= 0) {
            entries.remove(address, e);
            return null;
        }
        return e.reply();
    }

    void put(String address, Reply reply, long nowNanos) {
        if (ttlNanos <= 0 || reply.isTransientFailure()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(address, new Entry(reply, nowNanos + ttlNanos));
    }

    int size() {
        return entries.size();
    }
}
