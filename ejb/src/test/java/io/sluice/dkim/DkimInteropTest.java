package io.sluice.dkim;

import io.sluice.dkim.DkimResult.Status;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Both directions against Debian's python3-dkim: messages it signs pass our verifier, messages we
 * sign pass its verifier, for RSA and Ed25519, simple and relaxed, over bodies with trailing empty
 * lines, long lines, 8-bit octets, trailing white space and no body at all. A message changed after
 * signing fails in both. python runs once, for all cases, before the cases are checked.
 */
class DkimInteropTest {

    @TempDir
    static Path dir;

    static final String HEADER = "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\n"
            + "Subject: =?UTF-8?Q?caf=C3=A9?=  and\r\n\tfolded   \r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n";

    static final List<String> BODIES = List.of(
            "Hello\r\n\r\n\r\n\r\n",                                        // trailing empty lines
            "x".repeat(5000) + "\r\n" + "y ".repeat(3000) + "\r\n",          // long lines
            "caf\u00c3\u00a9 \u00ff\u0080 8-bit\r\n \t\r\nend  \t\r\n",      // 8-bit, blank and trailing WSP
            "",                                                              // no body
            "  leading\tand  inner   space\r\n.\r\n..dots\r\n");

    /** One combination, and the indexes of its python answers. */
    record Case(String name, SigningKey key, Canonicalization header, Canonicalization body, String message,
                int pythonSigned, String ourSigned, int pythonVerified, int pythonVerifiedChanged) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = new ArrayList<>();
    private static JsonArray answers;

    @BeforeAll
    static void runPython() throws Exception {
        PythonDkim python = new PythonDkim(dir);
        DkimSigner signer = new DkimSigner(DkimVerifierTest.NOW);
        for (SigningKey key : List.of(SigningKey.generate("example.org", "rsa2026", Algorithm.RSA_SHA256),
                SigningKey.generate("example.org", "ed2026", Algorithm.ED25519_SHA256))) {
            Map<String, String> records = Map.of(key.recordName(), key.txtRecord());
            for (Canonicalization h : Canonicalization.values()) {
                for (Canonicalization b : Canonicalization.values()) {
                    for (int i = 0; i < BODIES.size(); i++) {
                        String message = HEADER + BODIES.get(i);
                        String ours = signer.sign(stream(message), key, h, b) + message;
                        CASES.add(new Case(key.algorithm().tag() + " " + h.tagValue() + "/" + b.tagValue() + " body " + i,
                                key, h, b, message, python.sign(key, h, b, message), ours,
                                python.verify(records, ours), python.verify(records, ours + "appended\r\n")));
                    }
                }
            }
        }
        answers = python.run();
    }

    static List<Case> cases() {
        return CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pythonSignsWeVerify(Case c) throws Exception {
        String signed = PythonDkim.string(answers.get(c.pythonSigned())) + c.message();
        Keys.Dns dns = new Keys.Dns().put(c.key());
        List<DkimResult> results = new DkimVerifier(dns, DkimVerifierTest.NOW).verify(stream(signed));
        assertEquals(1, results.size());
        assertEquals(Status.PASS, results.get(0).status(), results.get(0).reason());
        assertEquals("example.org", results.get(0).domain());
        assertEquals(c.key().selector(), results.get(0).selector());

        String changed = signed.replace("Alice", "Alicia");
        DkimResult failed = new DkimVerifier(dns, DkimVerifierTest.NOW).verify(stream(changed)).get(0);
        assertEquals(Status.FAIL, failed.status());
        assertEquals("signature did not verify", failed.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weSignPythonVerifies(Case c) {
        assertEquals(List.of("pass"), PythonDkim.strings(answers.get(c.pythonVerified())));
        assertEquals(List.of("fail"), PythonDkim.strings(answers.get(c.pythonVerifiedChanged())));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
