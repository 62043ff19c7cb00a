package io.sluice.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The console's sessions, kept in memory on this node: a session ends after {@link #IDLE} without
 * use, {@link #LIFETIME} after login whatever happens, at logout, and at once for every session of
 * a user whose password or role changes or who is deleted. A restart logs everyone out.
 */
@ApplicationScoped
public class AdminSessions {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(12);
    static final int CAPACITY = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class Live {
        final AdminSession session;
        final long opened;
        volatile long used;

        Live(AdminSession session, long now) {
            this.session = session;
            this.opened = now;
            this.used = now;
        }
    }

    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public AdminSessions() {
        this(System::nanoTime);
    }

    /** With a clock of its own ({@link System#nanoTime()} or a test's). */
    AdminSessions(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public AdminSession open(String username, Role role) {
        long now = nanoClock.getAsLong();
        if (live.size() >= CAPACITY) {
            live.values().removeIf(l -> ended(l, now));
            if (live.size() >= CAPACITY) {
                live.values().stream().min(Comparator.comparingLong(l -> l.used))
                        .ifPresent(oldest -> live.remove(oldest.session.id()));
            }
        }
        AdminSession s = new AdminSession(token(), username, role, token());
        live.put(s.id(), new Live(s, now));
        return s;
    }

    /** The session with this identifier if it has not ended; using it keeps it from idling out. */
    public Optional<AdminSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Live l = live.get(id);
        if (l == null) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        if (ended(l, now)) {
            live.remove(id, l);
            return Optional.empty();
        }
        l.used = now;
        return Optional.of(l.session);
    }

    public void close(String id) {
        if (id != null) {
            live.remove(id);
        }
    }

    /** Ends every session of {@code username}. */
    public void endFor(String username) {
        live.values().removeIf(l -> l.session.username().equals(username));
    }

    /** Whether {@code token} is the session's cross-site request token (in constant time). */
    public static boolean tokenMatches(AdminSession session, String token) {
        return token != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean ended(Live l, long now) {
        return now - l.used >= IDLE.toNanos() || now - l.opened >= LIFETIME.toNanos();
    }

    /** 256 random bits, URL-safe base64. */
    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
