package io.sluice.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passwords that passed the full PBKDF2 check recently, so that a script calling the API with HTTP
 * Basic on every request pays a third of a second once, not per request. Only successes are kept,
 * so a guess always costs the full check. What is kept is an HMAC of the password under a key
 * made at start and never stored, not the password, and it lasts a few minutes: a password
 * changed on another node of a cluster stops working here within that time (on this node at once,
 * see {@link #forget}).
 */
final class VerifiedCredentials {

    private record Entry(byte[] mac, Role role, long expires) {
    }

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int CAPACITY = 1_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final LongSupplier nanoClock;

    VerifiedCredentials(LongSupplier nanoClock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.nanoClock = nanoClock;
    }

    /** The role of {@code username} if exactly this password passed the full check within the lifetime. */
    Optional<Role> admitted(String username, String password) {
        Entry e = entries.get(username);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - e.expires() >= 0) {
            entries.remove(username, e);
            return Optional.empty();
        }
        return MessageDigest.isEqual(e.mac(), mac(username, password)) ? Optional.of(e.role()) : Optional.empty();
    }

    void remember(String username, String password, Role role) {
        if (entries.size() >= CAPACITY) {
            // a flood of distinct successful users is not a real workload; starting over is cheap
            entries.clear();
        }
        entries.put(username, new Entry(mac(username, password), role, nanoClock.getAsLong() + LIFETIME.toNanos()));
    }

    /** After the user's password or role changed, or the user was deleted. */
    void forget(String username) {
        entries.remove(username);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
