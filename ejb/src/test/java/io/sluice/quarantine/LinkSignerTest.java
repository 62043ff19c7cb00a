package io.sluice.quarantine;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private final byte[] key = filled(7);
    private final LinkSigner signer = new LinkSigner(key, Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void aTokenGrantsItsMessageAndRecipientUntilItExpires() {
        String token = signer.sign("Q1abc", "bob@example.com", LATER);
        assertEquals("UTFhYmMKYm9iQGV4YW1wbGUuY29tCjE3OTYwNDM2MDA", token.substring(0, token.indexOf('.')));
        assertEquals(Optional.of(new LinkSigner.Link("Q1abc", "bob@example.com", LATER)), signer.verify(token));
        LinkSigner atExpiry = new LinkSigner(key, Clock.fixed(LATER, ZoneOffset.UTC));
        assertEquals(Optional.empty(), atExpiry.verify(token));
    }

    @Test
    void aTokenWidenedProlongedOrSignedWithAnotherKeyGrantsNothing() {
        String token = signer.sign("Q1abc", "bob@example.com", LATER);
        String mac = token.substring(token.indexOf('.'));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // another recipient or a later expiry under the same signature
        assertEquals(Optional.empty(), signer.verify(b64.encodeToString("Q1abc\ncarol@example.com\n1796043600".getBytes()) + mac));
        assertEquals(Optional.empty(), signer.verify(b64.encodeToString("Q1abc\nbob@example.com\n1896043600".getBytes()) + mac));
        assertEquals(Optional.empty(), new LinkSigner(filled(8), Clock.fixed(NOW, ZoneOffset.UTC)).verify(token));
        // malformed: no signature, two dots, not base64, too long, nothing
        assertEquals(Optional.empty(), signer.verify(token.substring(0, token.indexOf('.'))));
        assertEquals(Optional.empty(), signer.verify(token + ".x"));
        assertEquals(Optional.empty(), signer.verify("!!!." + mac.substring(1)));
        assertEquals(Optional.empty(), signer.verify("A".repeat(LinkSigner.MAX_TOKEN + 1)));
        assertEquals(Optional.empty(), signer.verify(null));
    }

    @Test
    void onlyAQueueIdAndOneAddressAreSignedAndTheKeyIsLongEnough() {
        assertThrows(IllegalArgumentException.class, () -> signer.sign("../x", "bob@example.com", LATER));
        assertThrows(IllegalArgumentException.class, () -> signer.sign("Q1", "bob@example.com\nQ2", LATER));
        assertThrows(IllegalArgumentException.class, () -> new LinkSigner(new byte[16], Clock.systemUTC()));
    }
}
