package io.sluice.security;

import io.sluice.config.Connections;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminLoginTest {

    private final AtomicLong now = new AtomicLong();
    private final Map<String, AdminUser> users = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private int failureLimit = 3;

    /** The login logic over an in-memory table of users instead of the database. */
    private final AdminLogin login = new AdminLogin(now::get) {
        @Override
        Connections limits() {
            return new Connections(0, 0, 0, 0, 0, Duration.ofMinutes(1), 20, Duration.ofSeconds(1), Duration.ZERO,
                    failureLimit, Duration.ofSeconds(600));
        }

        @Override
        AdminUser find(String username) {
            lookups.add(username);
            return users.get(username);
        }
    };

    private static PasswordHash digest(String password, int iterations) {
        PasswordHash made = PasswordHash.of(password);
        // the same derivation with another count: what an older version stored
        return iterations == made.iterations() ? made
                : withIterations(password, made.salt(), iterations);
    }

    private static PasswordHash withIterations(String password, String salt, int iterations) {
        try {
            var spec = new javax.crypto.spec.PBEKeySpec(password.toCharArray(), java.util.Base64.getDecoder().decode(salt),
                    iterations, 256);
            byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new PasswordHash(java.util.Base64.getEncoder().encodeToString(key), salt, iterations);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRightPasswordIsAdmittedWithTheUsersRoleAndAWrongOneOrAnUnknownUserIsRefused() {
        users.put("ops", new AdminUser("ops", Role.auditor, PasswordHash.of("correct horse")));

        assertEquals(new LoginOutcome.Admitted("ops", Role.auditor), login.login("ops", "correct horse", "192.0.2.1"));
        assertEquals(new LoginOutcome.Refused(), login.login("ops", "correct hors", "192.0.2.1"));
        assertEquals(new LoginOutcome.Refused(), login.login("nobody", "correct horse", "192.0.2.1"));
        assertEquals(new LoginOutcome.Refused(), login.login("ops", null, "192.0.2.1"));
    }

    @Test
    void newDigestsUseSixHundredThousandIterationsAndOlderOnesAreRenewedAtTheNextLogin() {
        assertEquals(600_000, PasswordHash.of("x").iterations());
        PasswordHash old = digest("correct horse", 50_000);
        users.put("ops", new AdminUser("ops", Role.admin, old));

        assertEquals(new LoginOutcome.Refused(), login.login("ops", "wrong", "192.0.2.1"));
        assertEquals(old, users.get("ops").passwordHash(), "a failed login changes nothing");

        assertEquals(new LoginOutcome.Admitted("ops", Role.admin), login.login("ops", "correct horse", "192.0.2.1"));
        PasswordHash renewed = users.get("ops").passwordHash();
        assertEquals(600_000, renewed.iterations());
        assertNotEquals(old.salt(), renewed.salt());
        assertTrue(renewed.matches("correct horse"));
    }

    @Test
    void failuresAreLimitedPerAddressAndThenEvenTheRightPasswordWaits() {
        users.put("ops", new AdminUser("ops", Role.admin, PasswordHash.of("correct horse")));
        for (int i = 0; i < 3; i++) {
            assertEquals(new LoginOutcome.Refused(), login.login("ops", "guess " + i, "192.0.2.1"));
        }
        int looked = lookups.size();
        assertEquals(new LoginOutcome.Limited(Duration.ofSeconds(600)), login.login("ops", "guess 4", "192.0.2.1"));
        assertEquals(new LoginOutcome.Limited(Duration.ofSeconds(600)), login.login("ops", "correct horse", "192.0.2.1"));
        assertEquals(looked, lookups.size(), "a limited attempt checks nothing");

        assertEquals(new LoginOutcome.Admitted("ops", Role.admin), login.login("ops", "correct horse", "192.0.2.2"),
                "another address is not limited");
        now.addAndGet(Duration.ofSeconds(600).toNanos());
        assertEquals(new LoginOutcome.Refused(), login.login("ops", "guess 5", "192.0.2.1"), "a new interval");
    }

    @Test
    void successesDoNotCountAgainstTheLimitAndAZeroLimitIsNone() {
        users.put("ops", new AdminUser("ops", Role.admin, PasswordHash.of("correct horse")));
        login.forget("ops");
        for (int i = 0; i < 5; i++) {
            login.forget("ops");
            assertEquals(new LoginOutcome.Admitted("ops", Role.admin), login.login("ops", "correct horse", "192.0.2.1"));
        }
        failureLimit = 0;
        for (int i = 0; i < 5; i++) {
            assertEquals(new LoginOutcome.Refused(), login.login("ops", "guess", "192.0.2.1"));
        }
    }

    @Test
    void aVerifiedPasswordIsNotCheckedAgainUntilItsUserChangesOrFiveMinutesPass() {
        users.put("ops", new AdminUser("ops", Role.admin, PasswordHash.of("correct horse")));
        login.login("ops", "correct horse", "192.0.2.1");
        lookups.clear();

        assertEquals(new LoginOutcome.Admitted("ops", Role.admin), login.login("ops", "correct horse", "192.0.2.1"));
        assertEquals(List.of(), lookups, "a repeated request with the same password");
        assertEquals(new LoginOutcome.Refused(), login.login("ops", "correct horsE", "192.0.2.1"));
        assertEquals(List.of("ops"), lookups, "any other password is checked in full");

        users.get("ops").setPassword(PasswordHash.of("battery staple"));
        login.forget("ops");
        assertEquals(new LoginOutcome.Refused(), login.login("ops", "correct horse", "192.0.2.1"));

        assertEquals(new LoginOutcome.Admitted("ops", Role.admin), login.login("ops", "battery staple", "192.0.2.1"));
        lookups.clear();
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        login.login("ops", "battery staple", "192.0.2.1");
        assertEquals(List.of("ops"), lookups, "checked in full again after five minutes");
    }

    @Test
    void namesInTheLogLineCannotForgeALine() {
        assertEquals("a?user=root?x", AdminLogin.printable("a\nuser=root x"));
        assertEquals(64, AdminLogin.printable("x".repeat(500)).length());
    }
}
