package io.sluice.dkim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The author's domain: one From field with one address, or none. */
class FromDomainTest {

    @Test
    void theDomainOfTheOneAddress() {
        assertEquals("example.org", FromDomain.ofValue(" Alice <alice@Example.ORG>"));
        assertEquals("example.org", FromDomain.ofValue(" alice@example.org (Alice <a@b.example>)"));
        assertEquals("example.org", FromDomain.ofValue(" \"Smith, <John>\" <john@example.org.>"));
        assertEquals("mail.example.org", FromDomain.ofValue("\r\n\t<\"a@b\"@mail.example.org>"));
    }

    @Test
    void noneForNoOrSeveralAuthors() {
        assertNull(FromDomain.ofValue(" a@example.org, b@example.net"));
        assertNull(FromDomain.ofValue(" undisclosed"));
        assertNull(FromDomain.ofValue(" <>"));
        assertNull(FromDomain.ofValue(" a@[192.0.2.1]"));
        assertNull(FromDomain.of(List.of(HeaderField.of("From: a@example.org"), HeaderField.of("From: b@example.org"))));
        assertNull(FromDomain.of(List.of(HeaderField.of("Sender: a@example.org"))));
        assertEquals("example.org", FromDomain.of(List.of(HeaderField.of("FROM: a@example.org"))));
    }
}
