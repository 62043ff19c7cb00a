package io.sluice.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

    @Test
    void administratorsAndAuditorsSeeEverything() {
        assertTrue(Scope.of(Role.admin, "admin", Set.of()).everything());
        assertTrue(Scope.of(Role.auditor, "audit", Set.of("example.org")).everything());
        assertNull(Scope.EVERYTHING.condition("address"));
    }

    @Test
    void aDomainAdministratorSeesExactlyTheirDomainsAndNoLookAlike() {
        Scope s = Scope.of(Role.domainadmin, "orgadmin", Set.of("Example.ORG", "a_b.example"));
        assertTrue(s.covers("Dave@EXAMPLE.org"));
        assertFalse(s.covers("dave@sub.example.org"));
        assertFalse(s.covers("dave@badexample.org"));
        assertFalse(s.covers("example.org"));
        assertFalse(s.covers("dave@example.org.evil"));
        assertEquals("(a LIKE ? ESCAPE '!' OR a LIKE ? ESCAPE '!')", s.condition("a"));
        // "_" is LIKE's any-character: escaped, so a_b.example cannot match axb.example
        assertEquals(List.of("%@a!_b.example", "%@example.org"), s.values());
        assertEquals("1 = 0", Scope.of(Role.domainadmin, "none", Set.of()).condition("a"));
    }

    @Test
    void aMailboxOwnerSeesTheirOwnAddressOnly() {
        Scope s = Scope.of(Role.mailbox, "Bob@Example.com", Set.of());
        assertTrue(s.covers("bob@example.COM"));
        assertFalse(s.covers("bob@example.com.evil"));
        assertFalse(s.covers("rbob@example.com"));
        assertEquals("a = ?", s.condition("a"));
        assertEquals(List.of("bob@example.com"), s.values());
    }
}
