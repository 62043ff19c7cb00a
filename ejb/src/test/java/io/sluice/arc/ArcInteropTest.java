package io.sluice.arc;

import io.sluice.dkim.Algorithm;
import io.sluice.dkim.SigningKey;
import io.sluice.dkim.PythonDkim;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ARC both ways against python3-dkim: chains it seals (one and two hops) pass our verifier and
 * fail it once the message changes; sets we seal, on a bare message and on top of its chain, pass
 * its arc_verify, with RSA and Ed25519 keys. python runs once for the class.
 */
class ArcInteropTest {

    @TempDir
    static Path dir;

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    static final String MESSAGE = "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org\r\n"
            + "From: Alice <alice@example.org>\r\nTo: list@example.net\r\nSubject: caf\u00c3\u00a9\r\n"
            + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <a1@example.org>\r\n\r\n"
            + "Hello\r\n" + "z".repeat(1200) + "\r\n\r\n\r\n";

    private static final SigningKey PY = SigningKey.generate("example.net", "arc1", Algorithm.RSA_SHA256);
    private static final SigningKey PY2 = SigningKey.generate("lists.example.com", "arc2", Algorithm.RSA_SHA256);
    private static final SigningKey OURS_RSA = SigningKey.generate("gateway.example", "seal-rsa", Algorithm.RSA_SHA256);
    private static final SigningKey OURS_ED = SigningKey.generate("gateway.example", "seal-ed", Algorithm.ED25519_SHA256);
    private static final Map<String, String> RECORDS = Map.of(PY.recordName(), PY.txtRecord(), PY2.recordName(), PY2.txtRecord(),
            OURS_RSA.recordName(), OURS_RSA.txtRecord(), OURS_ED.recordName(), OURS_ED.txtRecord());

    private static String oneHop;
    private static String twoHops;
    private static JsonArray answers;
    private static int oursOnBare;
    private static int oursEdOnBare;
    private static int oursOnPython;
    private static int oursChanged;

    @BeforeAll
    static void run() throws Exception {
        PythonDkim first = new PythonDkim(dir);
        int a = first.arcSign(PY, "mx.example.net", NOW.instant().getEpochSecond(), MESSAGE);
        oneHop = PythonDkim.string(first.run().get(a)) + MESSAGE;
        PythonDkim second = new PythonDkim(dir);
        String relayed = "Authentication-Results: lists.example.com; arc=pass\r\n" + oneHop;
        int b = second.arcSign(PY2, "lists.example.com", NOW.instant().getEpochSecond(), relayed);
        twoHops = PythonDkim.string(second.run().get(b)) + relayed;

        PythonDkim checks = new PythonDkim(dir);
        ArcSealer sealer = new ArcSealer(NOW);
        oursOnBare = checks.arcVerify(RECORDS, seal(sealer, OURS_RSA, MESSAGE, ArcResult.NONE) + MESSAGE);
        oursEdOnBare = checks.arcVerify(RECORDS, seal(sealer, OURS_ED, MESSAGE, ArcResult.NONE) + MESSAGE);
        String onPython = seal(sealer, OURS_RSA, oneHop, verify(oneHop)) + oneHop;
        oursOnPython = checks.arcVerify(RECORDS, onPython);
        oursChanged = checks.arcVerify(RECORDS, onPython.replace("Hello", "Hullo"));
        answers = checks.run();
    }

    private static String seal(ArcSealer sealer, SigningKey key, String message, ArcResult chain) throws Exception {
        return sealer.seal(stream(message), key, "gateway.example", "dkim=pass header.d=example.org; arc=" + chain.status().keyword(),
                chain);
    }

    private static ArcResult verify(String message) throws IOException {
        return new ArcVerifier(name -> RECORDS.containsKey(name) ? List.of(RECORDS.get(name)) : List.of()).verify(stream(message));
    }

    @Test
    void anEd25519SetWeSealPassesOurVerifier() throws Exception {
        String sealed = seal(new ArcSealer(NOW), OURS_ED, oneHop, verify(oneHop)) + oneHop;
        assertEquals(new ArcResult(ArcResult.Status.PASS, 2, "chain of 2 verified", "gateway.example"), verify(sealed));
    }

    @Test
    void aChainThatFailedHereGetsASetWithCvFailAndNoneAfterIt() throws Exception {
        String broken = twoHops.replace("mx.example.net; spf=pass", "mx.example.net; spf=fail");
        ArcResult chain = verify(broken);
        String set = seal(new ArcSealer(NOW), OURS_RSA, broken, chain);
        assertEquals("ARC-Seal: i=3; a=rsa-sha256; t=1796032800; cv=fail;\r\n\td=gateway.example; s=seal-rsa;\r\n\tb=",
                set.substring(0, set.indexOf("b=") + 2));
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 3, "ARC-Seal 3 says the chain failed before it"), verify(set + broken));
        assertEquals(null, new ArcSealer(NOW).seal(stream(set + broken), OURS_RSA, "gateway.example", "arc=fail",
                verify(set + broken)));
    }

    @Test
    void chainsPythonSealsPassOurVerifier() throws IOException {
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "example.net"), verify(oneHop));
        assertEquals(new ArcResult(ArcResult.Status.PASS, 2, "chain of 2 verified", "lists.example.com"), verify(twoHops));
    }

    @Test
    void aChangedMessageFailsTheNewestMessageSignatureAndAChangedSealFailsTheChain() throws IOException {
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 2, "ARC-Message-Signature: body hash did not verify"),
                verify(twoHops.replace("Hello", "Hullo")));
        // the seals are checked newest first: the second covers the first set's results too
        assertEquals(new ArcResult(ArcResult.Status.FAIL, 2, "ARC-Seal 2: signature did not verify"),
                verify(twoHops.replace("mx.example.net; spf=pass", "mx.example.net; spf=fail")));
    }

    @Test
    void setsWeSealPassPythonsArcVerify() {
        assertEquals(List.of("pass", "success"), PythonDkim.strings(answers.get(oursOnBare)));
        // python3-dkim's ARC knows rsa-sha256 only: an Ed25519 set is checked by our own verifier
        assertEquals(List.of("fail", "unknown signature algorithm: b'ed25519-sha256'"), PythonDkim.strings(answers.get(oursEdOnBare)));
        assertEquals(List.of("pass", "success"), PythonDkim.strings(answers.get(oursOnPython)));
        assertEquals("fail", PythonDkim.strings(answers.get(oursChanged)).get(0));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
