package io.sluice.pipeline;

import io.sluice.api.Reply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent downstream answers about recipients, so a burst of mail to the same key costs one
 * verification. Only definitive answers (2xx, 5xx) are kept; the map is emptied when it grows past
 * its bound rather than evicting one by one, which is cheap and good enough for a short-lived cache.
 * The key is whatever the answer depends on (the caller decides; see {@link RecipientVerifier}).
 *
 * @param <K> the key: a value with equals and hashCode
 */
final class VerificationCache<K> {

    private record Entry(Reply reply, long expiresAtNanos) {
    }

    private final Map<K, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    VerificationCache(long ttlMillis, int maxEntries) {
        this.ttlNanos = ttlMillis * 1_000_000;
        this.maxEntries = maxEntries;
    }

    Reply get(K key, long nowNanos) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nowNanos - e.expiresAtNanos() >= 0) {
            entries.remove(key, e);
            return null;
        }
        return e.reply();
    }

    void put(K key, Reply reply, long nowNanos) {
        if (ttlNanos <= 0 || reply.isTransientFailure()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(reply, nowNanos + ttlNanos));
    }

    int size() {
        return entries.size();
    }
}
