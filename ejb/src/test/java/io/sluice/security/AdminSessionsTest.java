package io.sluice.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminSessionsTest {

    private final AtomicLong now = new AtomicLong();
    private final AdminSessions sessions = new AdminSessions(now::get);

    @Test
    void aSessionIsFoundByItsIdentifierAndCarriesAnUnguessableTokenOfItsOwn() {
        AdminSession a = sessions.open("ops", Role.admin);
        AdminSession b = sessions.open("ops", Role.admin);

        assertEquals(Optional.of(a), sessions.find(a.id()));
        assertEquals(43, a.id().length(), "256 bits in URL-safe base64");
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.csrfToken(), b.csrfToken());
        assertNotEquals(a.id(), a.csrfToken());
        assertEquals(Optional.empty(), sessions.find("not-a-session"));
        assertEquals(Optional.empty(), sessions.find(null));
        assertTrue(AdminSessions.tokenMatches(a, a.csrfToken()));
        assertFalse(AdminSessions.tokenMatches(a, b.csrfToken()));
        assertFalse(AdminSessions.tokenMatches(a, null));
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesOrTwelveHoursWhateverItsUse() {
        AdminSession s = sessions.open("ops", Role.admin);
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        assertTrue(sessions.find(s.id()).isPresent());
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        assertTrue(sessions.find(s.id()).isPresent(), "use keeps it from idling out");
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        assertEquals(Optional.empty(), sessions.find(s.id()));

        AdminSession busy = sessions.open("ops", Role.admin);
        for (int i = 0; i < 12 * 4 - 1; i++) {
            now.addAndGet(Duration.ofMinutes(15).toNanos());
            assertTrue(sessions.find(busy.id()).isPresent());
        }
        now.addAndGet(Duration.ofMinutes(15).toNanos());
        assertEquals(Optional.empty(), sessions.find(busy.id()));
    }

    @Test
    void logoutEndsOneSessionAndAChangedUserEndsAllOfTheirs() {
        AdminSession a = sessions.open("ops", Role.admin);
        AdminSession b = sessions.open("ops", Role.admin);
        AdminSession other = sessions.open("audit", Role.auditor);

        sessions.close(a.id());
        assertEquals(Optional.empty(), sessions.find(a.id()));
        assertEquals(Optional.of(b), sessions.find(b.id()));

        sessions.endFor("ops");
        assertEquals(Optional.empty(), sessions.find(b.id()));
        assertEquals(Optional.of(other), sessions.find(other.id()));
    }

    @Test
    void theNumberOfSessionsIsBoundedByDroppingTheLeastRecentlyUsed() {
        AdminSession first = sessions.open("u0", Role.admin);
        now.incrementAndGet();
        AdminSession second = sessions.open("u1", Role.admin);
        for (int i = 2; i < AdminSessions.CAPACITY; i++) {
            now.incrementAndGet();
            sessions.open("u" + i, Role.admin);
        }
        now.incrementAndGet();
        sessions.find(first.id());
        now.incrementAndGet();
        AdminSession last = sessions.open("late", Role.admin);

        assertTrue(sessions.find(first.id()).isPresent(), "used lately");
        assertEquals(Optional.empty(), sessions.find(second.id()), "the least recently used");
        assertTrue(sessions.find(last.id()).isPresent());
    }
}
