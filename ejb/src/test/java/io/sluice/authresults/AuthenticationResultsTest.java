package io.sluice.authresults;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The field as RFC 8601 writes it, and which arriving fields claim the gateway's authserv-id. */
class AuthenticationResultsTest {

    @Test
    void eachResultOnALineOfItsOwn() {
        AuthenticationResults ar = new AuthenticationResults("gateway.test")
                .add("spf", "pass", Map.of("smtp.mailfrom", "example.org"))
                .add("spf", "none", Map.of("smtp.helo", "client.example"));
        assertEquals("Authentication-Results: gateway.test;\r\n\tspf=pass smtp.mailfrom=example.org;\r\n"
                + "\tspf=none smtp.helo=client.example\r\n", ar.field());
    }

    @Test
    void noResultIsNone() {
        assertEquals("Authentication-Results: gateway.test; none\r\n", new AuthenticationResults("gateway.test").field());
    }

    @Test
    void valuesThatAreNoTokenAreQuoted() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("smtp.helo", "[192.0.2.1]");
        p.put("smtp.mailfrom", "a \"b\"\\c");
        assertEquals("Authentication-Results: g.test;\r\n\tspf=none smtp.helo=\"[192.0.2.1]\" smtp.mailfrom=\"a \\\"b\\\"\\\\c\"\r\n",
                new AuthenticationResults("g.test").add("spf", "NONE", p).field());
    }

    @Test
    void ownFieldsByAuthservIdIgnoringCaseCommentsAndFolding() {
        assertTrue(AuthenticationResults.isOwn("Authentication-Results: gateway.test; spf=pass", "gateway.test"));
        assertTrue(AuthenticationResults.isOwn("authentication-results:Gateway.TEST;spf=pass", "gateway.test"));
        assertTrue(AuthenticationResults.isOwn("Authentication-Results: (forged) \r\n\tgateway.test 1; none", "gateway.test"));
        assertTrue(AuthenticationResults.isOwn("Authentication-Results: \"gateway.test\"; none", "gateway.test"));
        assertFalse(AuthenticationResults.isOwn("Authentication-Results: mx.example; spf=pass", "gateway.test"));
        assertFalse(AuthenticationResults.isOwn("Authentication-Results: gateway.test.example; none", "gateway.test"));
        assertFalse(AuthenticationResults.isOwn("X-Authentication-Results: gateway.test; none", "gateway.test"));
        assertFalse(AuthenticationResults.isOwn("Authentication-Results: (only a comment)", "gateway.test"));
        assertNull(AuthenticationResults.authservIdOf("  "));
    }
}
