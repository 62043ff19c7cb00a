package io.sluice.pipeline;

import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerificationCacheTest {

    private static final Reply OK = Reply.of(250, "2.1.5", "Ok");
    private static final Reply UNKNOWN = Reply.of(550, "5.1.1", "User unknown");
    private static final Reply LATER = Reply.of(450, "4.2.0", "Try later");

    @Test
    void definitiveAnswersAreKeptUntilTheyExpire() {
        VerificationCache<String> cache = new VerificationCache<>(1000, 10);
        cache.put("a@example.org", OK, 0);
        cache.put("b@example.org", UNKNOWN, 0);
        assertEquals(OK, cache.get("a@example.org", 999_999_999L));
        assertEquals(UNKNOWN, cache.get("b@example.org", 999_999_999L));
        assertNull(cache.get("a@example.org", 1_000_000_000L));
        assertEquals(1, cache.size());
    }

    @Test
    void temporaryFailuresAreNeverCached() {
        VerificationCache<String> cache = new VerificationCache<>(1000, 10);
        cache.put("a@example.org", LATER, 0);
        assertNull(cache.get("a@example.org", 1));
    }

    @Test
    void aZeroTtlSwitchesCachingOff() {
        VerificationCache<String> cache = new VerificationCache<>(0, 10);
        cache.put("a@example.org", OK, 0);
        assertNull(cache.get("a@example.org", 0));
    }

    @Test
    void theCacheStaysBounded() {
        VerificationCache<String> cache = new VerificationCache<>(60_000, 3);
        for (int i = 0; i < 10; i++) {
            cache.put("u" + i + "@example.org", OK, 0);
        }
        assertEquals(1, cache.size());
        assertEquals(OK, cache.get("u9@example.org", 1));
    }
}
