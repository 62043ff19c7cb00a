package io.sluice.arc;

import io.sluice.dkim.Keys;
import io.sluice.dkim.SigningKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The exact ARC set for a fixed key and clock, and the chains no set may be added to. */
class ArcSealerTest {

    private static final String MESSAGE = "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: hi\r\n\r\nHello\r\n";

    @Test
    void theWholeSetForTheRfc8463Key() throws Exception {
        SigningKey key = Keys.rfc8463Ed25519("gateway.example", "seal");
        String set = new ArcSealer(ArcInteropTest.NOW).seal(stream(MESSAGE), key, "gateway.example",
                "dkim=pass header.d=example.org", ArcResult.NONE);
        assertEquals("ARC-Seal: i=1; a=ed25519-sha256; t=1796032800; cv=none;\r\n\td=gateway.example; s=seal;\r\n"
                + "\tb=Lepm6QvJSRgOJd9W7xkj7LgU/rVTlijZEcv7vxii43gdfV+SXE04aQoxNyjfkbcamrC4YI\r\n"
                + "\tE2ZYBEdBPDaOKiAQ==\r\n"
                + "ARC-Message-Signature: i=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n\td=gateway.example; s=seal; t=1796032800;\r\n"
                + "\th=from:from:subject:subject:to:to;\r\n\tbh=Ba3gj8+xBPQLJTahTfzW6RbWQ/XPgESxkCi2B66PSQg=;\r\n"
                + "\tb=7Il6sISUEvanBdFPVi5t9n96yB4vk9IlBKA8ObaKvu1vJr6Xv3MsfkdDourNDtVIahhKFv\r\n"
                + "\txTvO2tLM8K2CzsDA==\r\n"
                + "ARC-Authentication-Results: i=1; gateway.example;\r\n\tdkim=pass header.d=example.org\r\n", set);
        // bh= is sha256("Hello\r\n"); the signatures are checked by the verifier below and, for RSA, by python3-dkim (ArcInteropTest)
        ArcResult chain = new ArcVerifier(name -> name.equals("seal._domainkey.gateway.example")
                ? List.of("v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC) : List.of()).verify(stream(set + MESSAGE));
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "gateway.example"), chain);
    }

    @Test
    void noSetOnAChainThatFailedBefore() throws Exception {
        SigningKey key = Keys.rfc8463Ed25519("gateway.example", "seal");
        String failed = "ARC-Seal: i=1; a=ed25519-sha256; cv=fail; d=x.example; s=s; b=AAAA\r\n"
                + "ARC-Message-Signature: i=1; a=ed25519-sha256; d=x.example; s=s; h=from; bh=AAAA; b=AAAA\r\n"
                + "ARC-Authentication-Results: i=1; x.example; none\r\n" + MESSAGE;
        assertNull(new ArcSealer(ArcInteropTest.NOW).seal(stream(failed), key, "gateway.example", "arc=fail",
                new ArcResult(ArcResult.Status.FAIL, 1, "x")));
    }

    @Test
    void aBrokenChainGetsTheInstanceAfterItsHighestAndCvFailAndNoneGoesPastFifty() throws Exception {
        SigningKey key = Keys.rfc8463Ed25519("gateway.example", "seal");
        ArcSealer sealer = new ArcSealer(ArcInteropTest.NOW);
        // instance 2 without its seal, instance 1 missing: the structure is broken (RFC 8617 §5.2 steps 1 to 3)
        String broken = "ARC-Message-Signature: i=2; a=ed25519-sha256; d=x.example; s=s; h=from; bh=AAAA; b=AAAA\r\n"
                + "ARC-Authentication-Results: i=2; x.example; none\r\n" + MESSAGE;
        String set = sealer.seal(stream(broken), key, "gateway.example", "arc=fail", new ArcResult(ArcResult.Status.FAIL, 0, "x"));
        assertEquals("ARC-Seal: i=3; a=ed25519-sha256; t=1796032800; cv=fail;", set.substring(0, set.indexOf("\r\n")));
        String atFifty = "ARC-Authentication-Results: i=50; x.example; none\r\n" + MESSAGE;
        assertNull(sealer.seal(stream(atFifty), key, "gateway.example", "arc=fail", new ArcResult(ArcResult.Status.FAIL, 0, "x")));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
