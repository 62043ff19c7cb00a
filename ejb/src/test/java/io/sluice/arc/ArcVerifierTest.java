package io.sluice.arc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The structure of a chain (RFC 8617 §5.2 steps 1 to 3), refused before any key is fetched. */
class ArcVerifierTest {

    private static final String BODY = "From: a@example.org\r\n\r\nhi\r\n";
    private static final String AAR1 = "ARC-Authentication-Results: i=1; mx.example; spf=pass\r\n";
    private static final String AMS1 = "ARC-Message-Signature: i=1; a=rsa-sha256; d=example.net; s=s; h=from; bh=AAAA; b=AAAA\r\n";
    private static final String AS1 = "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.net; s=s; b=AAAA\r\n";

    private static ArcResult verify(String message) throws IOException {
        return new ArcVerifier(name -> {
            throw new AssertionError("no key is fetched for a broken chain: " + name);
        }).verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void noArcFieldIsNone() throws IOException {
        assertEquals(ArcResult.NONE, verify(BODY));
    }

    @Test
    void brokenStructures() throws IOException {
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 0, "ARC set 1 is incomplete"), verify(AAR1 + AMS1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 0, "two ARC-Seal fields with i=1"), verify(AS1 + AS1 + AAR1 + AMS1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 0, "ARC-Seal has an instance outside 1 to 50"),
                verify(AS1.replace("i=1", "i=51") + AAR1 + AMS1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 0, "ARC set 1 is incomplete"),
                verify(AS1.replace("i=1", "i=2") + AMS1.replace("i=1", "i=2") + AAR1.replace("i=1", "i=2") + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 1, "ARC-Seal 1 has cv=pass where none belongs"),
                verify(AS1.replace("cv=none", "cv=pass") + AMS1 + AAR1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 1, "ARC-Seal 1 says the chain failed before it"),
                verify(AS1.replace("cv=none", "cv=fail") + AMS1 + AAR1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 1, "ARC-Message-Signature 1: no bh="),
                verify(AS1 + AMS1.replace(" bh=AAAA;", "") + AAR1 + BODY));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 1, "ARC-Message-Signature 1: signs ARC-Seal (h=)"),
                verify(AS1 + AMS1.replace("h=from", "h=from:arc-seal") + AAR1 + BODY));
    }

    @Test
    void theInstanceOfAnAuthenticationResultsCopyIsReadBeforeItsResults() {
        assertEquals(3, ArcChain.instance(io.sluice.dkim.HeaderField.of("ARC-Authentication-Results:  i = 3 ; mx; dkim=pass (a=b)")));
        assertEquals(-1, ArcChain.instance(io.sluice.dkim.HeaderField.of("ARC-Authentication-Results: mx; i=3")));
    }
}
