package io.sluice.dkim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6376 §3.4: the examples of §3.4.5 and the edge cases of the body's end. */
class CanonicalizationTest {

    @Test
    void headerFieldsAsInTheRfcExample() {
        assertEquals("a:X\r\n", Canonicalization.RELAXED.header("A: X"));
        assertEquals("b:Y Z\r\n", Canonicalization.RELAXED.header("B : Y\t\r\n\tZ  "));
        assertEquals("B : Y\t\r\n\tZ  \r\n", Canonicalization.SIMPLE.header("B : Y\t\r\n\tZ  "));
    }

    @Test
    void relaxedHeaderKeepsEightBitOctetsAndEmptyValues() {
        assertEquals("subject:caf\u00c3\u00a9 \u00c3\u00a0 la carte\r\n",
                Canonicalization.RELAXED.header("Subject:  caf\u00c3\u00a9 \t \u00c3\u00a0 la carte \t"));
        assertEquals("x-empty:\r\n", Canonicalization.RELAXED.header("X-Empty: \t"));
    }

    @Test
    void bodyAsInTheRfcExample() {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertEquals(" C\r\nD E\r\n", canonical(Canonicalization.RELAXED, body));
        assertEquals(" C \r\nD \t E\r\n", canonical(Canonicalization.SIMPLE, body));
    }

    @Test
    void anEmptyBodyIsOneCrlfWhenSimpleAndNothingWhenRelaxed() {
        assertEquals("\r\n", canonical(Canonicalization.SIMPLE, ""));
        assertEquals("", canonical(Canonicalization.RELAXED, ""));
        assertEquals("\r\n", canonical(Canonicalization.SIMPLE, "\r\n\r\n\r\n"));
        assertEquals("", canonical(Canonicalization.RELAXED, "\r\n \t\r\n\r\n"));
        // the hashes every implementation agrees on (sha256 of "\r\n" and of "")
        assertEquals("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=", hash(Canonicalization.SIMPLE, ""));
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", hash(Canonicalization.RELAXED, ""));
    }

    @Test
    void aLastLineWithoutCrlfGetsOne() {
        assertEquals("abc\r\n", canonical(Canonicalization.SIMPLE, "abc"));
        assertEquals("a b\r\n", canonical(Canonicalization.RELAXED, "a  b  "));
    }

    @Test
    void emptyAndBlankLinesInsideTheBodyStay() {
        assertEquals("a\r\n\r\n\r\nb\r\n", canonical(Canonicalization.RELAXED, "a\r\n \r\n\t\r\nb\r\n\r\n"));
        assertEquals("a\r\n \r\n\t\r\nb\r\n", canonical(Canonicalization.SIMPLE, "a\r\n \r\n\t\r\nb\r\n\r\n"));
        // a whitespace-only last line is content when simple, empty when relaxed
        assertEquals("a\r\n \r\n", canonical(Canonicalization.SIMPLE, "a\r\n \r\n\r\n"));
        assertEquals("a\r\n", canonical(Canonicalization.RELAXED, "a\r\n \r\n\r\n"));
    }

    @Test
    void aLoneCrIsContent() {
        assertEquals("a\rb\r\n", canonical(Canonicalization.SIMPLE, "a\rb\r\n"));
        assertEquals("a\r\r\n", canonical(Canonicalization.RELAXED, "a\r"));
    }

    @Test
    void theResultDoesNotDependOnHowTheBodyIsCutIntoBlocks() {
        String body = "x \t y\r\n\r\n  lead\r\n\r\n \r\n";
        for (Canonicalization c : Canonicalization.values()) {
            String whole = canonical(c, body);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BodyCanonicalizer b = c.body(out::write);
            byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                b.update(bytes, i, 1);
            }
            b.finish();
            assertEquals(whole, out.toString(StandardCharsets.ISO_8859_1), c.name());
        }
    }

    static String canonical(Canonicalization c, String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer b = c.body(out::write);
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        b.update(bytes, 0, bytes.length);
        b.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String hash(Canonicalization c, String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(c, body).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
