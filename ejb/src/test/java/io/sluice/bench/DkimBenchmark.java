package io.sluice.bench;

import io.sluice.arc.ArcResult;
import io.sluice.arc.ArcSealer;
import io.sluice.arc.ArcVerifier;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.DkimVerifier;
import io.sluice.dkim.SigningKey;
import io.sluice.dkim.TxtRecords;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DKIM and ARC cost per message (run it, do not unit-test it), with the key records answered from
 * memory, as a local DNS cache would:
 * <pre>
 *   mvn -q -pl ejb -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 *   java -cp ejb/target/test-classes:ejb/target/classes:$(cat ejb/target/bench.cp) io.sluice.bench.DkimBenchmark
 * </pre>
 * Median microseconds per message (elapsed and the thread's CPU time) to sign (relaxed/relaxed), to
 * verify one signature, and to seal and verify an ARC set, for a 5 KB and a 1 MB message, RSA-2048
 * and Ed25519.
 */
public final class DkimBenchmark {

    private static final int ROUNDS = 400;
    /** CPU time as well as elapsed time: on a shared machine the elapsed time includes other processes' turns. */

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        Map<String, String> records = new HashMap<>();
        TxtRecords dns = name -> records.containsKey(name) ? List.of(records.get(name)) : List.of();
        for (int size : new int[] {5 * 1024, 1024 * 1024}) {
            String message = message(size);
            for (Algorithm a : List.of(Algorithm.RSA_SHA256, Algorithm.ED25519_SHA256)) {
                SigningKey key = SigningKey.generate("example.org", "bench", a);
                records.put(key.recordName(), key.txtRecord());
                DkimSigner signer = new DkimSigner(clock);
                String signed = signer.sign(stream(message), key, Canonicalization.RELAXED, Canonicalization.RELAXED) + message;
                DkimVerifier verifier = new DkimVerifier(dns, clock);
                ArcSealer sealer = new ArcSealer(clock);
                String sealed = sealer.seal(stream(message), key, "gw.example", "dkim=pass", ArcResult.NONE) + message;
                ArcVerifier arc = new ArcVerifier(dns);
                int rounds = size > 100_000 ? ROUNDS / 10 : ROUNDS;
                String label = String.format(Locale.ROOT, "%-15s %7d B", a.tag(), message.length());
                TimedRuns.report(label + "  DKIM sign  ", rounds, () -> signer.sign(stream(message), key, Canonicalization.RELAXED, Canonicalization.RELAXED), true);
                TimedRuns.report(label + "  DKIM verify", rounds, () -> verifier.verify(stream(signed)), true);
                TimedRuns.report(label + "  ARC seal   ", rounds, () -> sealer.seal(stream(message), key, "gw.example", "dkim=pass", ArcResult.NONE), true);
                TimedRuns.report(label + "  ARC verify ", rounds, () -> arc.verify(stream(sealed)), true);
            }
        }
    }

    /** A text message of about {@code size} octets; {@link ArcSealBenchmark} times the same one, so the tables compare. */
    static String message(int size) {
        StringBuilder b = new StringBuilder("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: benchmark\r\n"
                + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <b@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        String line = "The quick brown fox  jumps over the lazy dog \t0123456789 caf\u00c3\u00a9\r\n";
        while (b.length() < size) {
            b.append(line);
        }
        return b.toString();
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
