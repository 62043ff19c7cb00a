package io.sluice.dkim;

import io.sluice.dkim.DkimResult.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Verification against the signed example of RFC 8463 Appendix A (one Ed25519 and one RSA
 * signature over the RFC 6376 example message), and each way a signature can fail to pass.
 */
class DkimVerifierTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    private final Keys.Dns dns = new Keys.Dns()
            .put("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC)
            .put("test._domainkey.football.example.com", Keys.RFC8463_RSA_RECORD);

    static String rfc8463Message() throws IOException {
        try (InputStream in = DkimVerifierTest.class.getResourceAsStream("rfc8463-signed.eml")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private List<DkimResult> verify(String message) throws IOException {
        return new DkimVerifier(dns, NOW).verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static DkimResult ed25519(Status status, String reason) {
        return new DkimResult(status, "football.example.com", "brisbane", "@football.example.com", "ed25519-sha256", "9/dsDChY", reason);
    }

    private static DkimResult rsa(Status status, String reason) {
        return new DkimResult(status, "football.example.com", "test", "@football.example.com", "rsa-sha256", "icKcLSEZ", reason);
    }

    @Test
    void bothSignaturesOfTheRfcExamplePass() throws IOException {
        assertEquals(List.of(ed25519(Status.PASS, "good signature"), rsa(Status.PASS, "good signature")),
                verify(rfc8463Message()));
        assertEquals(List.of("brisbane._domainkey.football.example.com", "test._domainkey.football.example.com"), dns.asked);
    }

    @Test
    void aChangedBodyFailsTheBodyHash() throws IOException {
        assertEquals(List.of(ed25519(Status.FAIL, "body hash did not verify"), rsa(Status.FAIL, "body hash did not verify")),
                verify(rfc8463Message().replace("hungry", "thirsty")));
        assertEquals(List.of(), dns.asked, "no key is fetched for a body that does not match");
    }

    @Test
    void aChangedSignedFieldFailsTheSignature() throws IOException {
        assertEquals(List.of(ed25519(Status.FAIL, "signature did not verify"), rsa(Status.FAIL, "signature did not verify")),
                verify(rfc8463Message().replace("Subject: Is dinner ready?", "Subject: Is lunch ready?")));
    }

    @Test
    void trailingEmptyLinesAndAnAddedUnsignedFieldChangeNothing() throws IOException {
        String m = rfc8463Message();
        assertEquals(List.of(ed25519(Status.PASS, "good signature"), rsa(Status.PASS, "good signature")),
                verify("Received: from somewhere\r\n" + m + "\r\n\r\n"));
    }

    @Test
    void anAddedFromBreaksTheOverSignedSignature() throws IOException {
        String m = rfc8463Message().replace("From: Joe", "From: Mallory <m@evil.example>\r\nFrom: Joe");
        assertEquals(List.of(ed25519(Status.FAIL, "signature did not verify"), rsa(Status.FAIL, "signature did not verify")),
                verify(m));
    }

    @Test
    void keyProblems() throws IOException {
        dns.records.remove("test._domainkey.football.example.com");
        dns.failing.add("brisbane._domainkey.football.example.com");
        assertEquals(List.of(ed25519(Status.TEMPERROR, "key lookup brisbane._domainkey.football.example.com: SERVFAIL"),
                        rsa(Status.PERMERROR, "no key record at test._domainkey.football.example.com")),
                verify(rfc8463Message()));

        dns.failing.clear();
        dns.put("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=");
        dns.put("test._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC);
        assertEquals(List.of(ed25519(Status.PERMERROR, "key revoked (brisbane._domainkey.football.example.com)"),
                        rsa(Status.PERMERROR, "key type ed25519 does not fit rsa-sha256")),
                verify(rfc8463Message()));

        dns.put("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; s=other; p=" + Keys.RFC8463_PUBLIC);
        dns.put("test._domainkey.football.example.com", "p=MIGfMA0G; k=rsa");
        assertEquals(List.of(ed25519(Status.PERMERROR, "key is not for email (s=)"),
                        rsa(Status.PERMERROR, "key record p= is not a rsa key (test._domainkey.football.example.com)")),
                verify(rfc8463Message()));

        dns.put("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; h=sha1; p=" + Keys.RFC8463_PUBLIC);
        dns.put("test._domainkey.football.example.com", "garbage", Keys.RFC8463_RSA_RECORD);
        assertEquals(List.of(ed25519(Status.PERMERROR, "key does not allow sha256 (h=)"), rsa(Status.PASS, "good signature")),
                verify(rfc8463Message()));
    }

    @Test
    void anRsaKeyUnder1024BitsIsRefused() throws IOException {
        // a 512-bit key (from python3-dkim's tests)
        dns.put("test._domainkey.football.example.com", "k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANmBe10IgY+u7h3enWTukkqtUD5PR52Tb/mPfjC0QJTocVBq6Za/PlzfV+Py92VaCak19F4WrbVTK5Gg5tW220MCAwEAAQ==");
        assertEquals(rsa(Status.POLICY, "RSA key of 512 bits, under 1024 (RFC 8301)"), verify(rfc8463Message()).get(1));
    }

    @Test
    void unreadableSignatures() throws IOException {
        String body = "From: a@example.org\r\n\r\nhi\r\n";
        assertEquals(List.of(new DkimResult(Status.NEUTRAL, null, null, null, null, null,
                        "signature syntax: a tag name must begin with a letter at 1")),
                verify("DKIM-Signature: =1; d=example.org\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.NEUTRAL, "example.org", "s", null, "rsa-sha256", "AAAA", "signature version is not 1")),
                verify("DKIM-Signature: v=2; a=rsa-sha256; d=Example.ORG; s=s; h=from; bh=AAAA; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.PERMERROR, "example.org", "s", null, "rsa-sha256", "AAAA", "signature has no bh=")),
                verify("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; h=from; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.PERMERROR, "example.org", "s", null, "rsa-sha256", "AAAA", "From is not signed (h=)")),
                verify("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; h=to:subject; bh=AAAA; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.PERMERROR, "example.org", "s", "@example.com", "rsa-sha256", "AAAA",
                        "i= is not in the domain d=example.org")),
                verify("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; i=@example.com; h=from; bh=AAAA; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.NEUTRAL, "example.org", "s", null, "rsa-sha512", "AAAA", "unknown algorithm rsa-sha512")),
                verify("DKIM-Signature: v=1; a=rsa-sha512; d=example.org; s=s; h=from; bh=AAAA; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.NEUTRAL, "example.org", "s", null, "rsa-sha256", "AAAA", "unknown canonicalization relaxed/loose")),
                verify("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/loose; d=example.org; s=s; h=from; bh=AAAA; b=AAAA\r\n" + body));
        assertEquals(List.of(new DkimResult(Status.NEUTRAL, null, null, null, null, null, "signature syntax: tag d appears twice")),
                verify("DKIM-Signature: v=1; d=a.example; d=b.example\r\n" + body));
    }

    @Test
    void rsaSha1AndExpiredSignaturesAreRefusedByPolicy() throws IOException {
        String m = rfc8463Message();
        String sha1 = m.replaceFirst("a=rsa-sha256", "a=rsa-sha1");
        assertEquals(new DkimResult(Status.POLICY, "football.example.com", "test", "@football.example.com", "rsa-sha1", "icKcLSEZ",
                "rsa-sha1 is not accepted (RFC 8301)"), verify(sha1).get(1));
        String expired = m.replace("t=1518460054;", "t=1518460054; x=1518460055;");
        assertEquals(ed25519(Status.POLICY, "signature expired"), verify(expired).get(0));
    }

    @Test
    void aLengthPastTheBodyFails() throws IOException {
        String m = rfc8463Message().replace("t=1518460054;", "t=1518460054; l=9999;");
        assertEquals(ed25519(Status.FAIL, "l=9999 is longer than the body"), verify(m).get(0));
    }

    @Test
    void anEmptyNameInHSelectsNothingNotALineWithoutAColon() throws IOException {
        String m = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=s; h=from::to; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n"
                + "no colon here\r\nFrom: a@example.org\r\n\r\n";
        assertEquals(List.of(new DkimResult(Status.PERMERROR, "example.org", "s", "@example.org", "ed25519-sha256", "AAAA",
                "no key record at s._domainkey.example.org")), verify(m));
        dns.put("s._domainkey.example.org", "v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC);
        assertEquals(List.of(new DkimResult(Status.FAIL, "example.org", "s", "@example.org", "ed25519-sha256", "AAAA",
                "signature did not verify")), verify(m));
    }

    @Test
    void noSignatureIsNoResult() throws IOException {
        assertEquals(List.of(), verify("From: a@example.org\r\n\r\nhi\r\n"));
        assertEquals(List.of(), verify(""));
    }

    @Test
    void aHeaderSectionOverTheLimitIsAPermanentError() throws IOException {
        String m = "X-Long: " + "a".repeat(HeaderBlock.DEFAULT_LIMIT) + "\r\n\r\nbody\r\n";
        assertEquals(List.of(new DkimResult(Status.PERMERROR, null, null, null, null, null,
                "the header section is longer than 1048576 octets")), verify(m));
    }
}
