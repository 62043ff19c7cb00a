package io.sluice.dkim;

import io.sluice.dkim.DkimResult.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact DKIM-Signature field for a fixed key, clock and message (Ed25519 signatures are
 * deterministic, so the whole field is known), the fields signed, the key record, and that what is
 * signed verifies with the same code.
 */
class DkimSignerTest {

    private static final String MESSAGE = "From: Joe SixPack <joe@football.example.com>\r\n"
            + "To: Suzie Q <suzie@shopping.example.net>\r\nSubject: Is dinner ready?\r\n"
            + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
            + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n\r\n"
            + "Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n";

    @Test
    void theWholeFieldForTheRfc8463Key() throws Exception {
        SigningKey key = Keys.rfc8463Ed25519("football.example.com", "brisbane");
        String field = new DkimSigner(DkimVerifierTest.NOW).sign(stream(MESSAGE), key, Canonicalization.RELAXED, Canonicalization.RELAXED);
        assertEquals("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=football.example.com; s=brisbane;\r\n"
                + "\tt=1796032800; h=from:from:subject:subject:date:date:to:to:message-id:message-id;\r\n"
                + "\tbh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
                + "\tb=2c+/rDPypRiM8mgpMpGXsqDg8oF783gGafcyYAYGQMmCWBr7hblT6D8grldxGmD5PG7+Nv\r\n"
                + "\tjtPj1GuMNSgRnFAg==\r\n", field);
        assertEquals("v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC, key.txtRecord());
        assertEquals("brisbane._domainkey.football.example.com", key.recordName());
    }

    @Test
    void eachFieldPresentIsSignedOnceMoreThanItOccurs() {
        List<HeaderField> header = List.of(HeaderField.of("Received: x"), HeaderField.of("From: a@b"),
                HeaderField.of("To: c@d"), HeaderField.of("To: e@f"), HeaderField.of("X-Other: y"));
        assertEquals(List.of("from", "from", "to", "to", "to"), DkimSigner.namesToSign(header));
        // bh= is RFC 8463 Appendix A's own (relaxed body of the same message); b= is checked by python3-dkim in DkimInteropTest
        assertEquals(List.of("from"), DkimSigner.namesToSign(List.of()));
    }

    @Test
    void whatIsSignedVerifies() throws Exception {
        for (Algorithm a : List.of(Algorithm.RSA_SHA256, Algorithm.ED25519_SHA256)) {
            SigningKey key = SigningKey.generate("Example.ORG", "s1", a);
            assertEquals("example.org", key.domain());
            for (Canonicalization h : Canonicalization.values()) {
                for (Canonicalization b : Canonicalization.values()) {
                    String signed = new DkimSigner(DkimVerifierTest.NOW).sign(stream(MESSAGE), key, h, b) + MESSAGE;
                    List<DkimResult> r = new DkimVerifier(new Keys.Dns().put(key), DkimVerifierTest.NOW).verify(stream(signed));
                    assertEquals(Status.PASS, r.get(0).status(), a + " " + h + "/" + b + ": " + r.get(0).reason());
                }
            }
        }
    }

    @Test
    void storedKeysComeBackTheSame() throws Exception {
        SigningKey key = SigningKey.generate("example.org", "s1", Algorithm.RSA_SHA256);
        SigningKey back = SigningKey.of("example.org", "s1", Algorithm.RSA_SHA256, key.privatePkcs8(), key.publicSpki());
        assertEquals(key.txtRecord(), back.txtRecord());
        assertEquals(key.privateKey(), back.privateKey());
        assertEquals(2048, KeyRecord.parse(key.txtRecord()).rsaBits());
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
