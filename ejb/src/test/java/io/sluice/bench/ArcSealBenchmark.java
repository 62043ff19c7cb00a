package io.sluice.bench;

import io.sluice.arc.ArcResult;
import io.sluice.arc.ArcSealer;
import io.sluice.arc.BrokenSignatures;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.HeaderBlock;
import io.sluice.dkim.SigningKey;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * What ARC sealing adds per inbound message (run it, do not unit-test it), as {@link DkimBenchmark}
 * says, with this class's name. The work of the end of data's sealing step: the decision (the
 * arrived and the delivered header read, the sender's signature's coverage compared), then for a
 * changed message the seal (the delivered copy read once, two signatures). Messages of 5 KB and
 * 1 MB signed by their sender (RSA-2048), the gateway sealing with RSA-2048 or Ed25519; median
 * elapsed and thread CPU time.
 */
public final class ArcSealBenchmark {

    private static final int ROUNDS = 400;

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        SigningKey sender = SigningKey.generate("example.org", "sel", Algorithm.RSA_SHA256);
        List<DkimResult> passed = List.of(new DkimResult(DkimResult.Status.PASS, "example.org", "sel", "@example.org",
                "rsa-sha256", "AAAAAAAA", "good signature"));
        String trace = "Authentication-Results: gw.example;\r\n\tdkim=pass header.d=example.org header.s=sel header.b=AAAAAAAA\r\n"
                + "Received: from client.example by gw.example\r\n";
        // the first pass only warms the JIT up for every path, the second is reported
        for (int pass = 0; pass < 2; pass++) {
            quiet = pass == 0;
            run(clock, sender, passed, trace);
        }
    }

    private static boolean quiet;

    private static void run(Clock clock, SigningKey sender, List<DkimResult> passed, String trace) throws Exception {
        for (int size : new int[] {5 * 1024, 1024 * 1024}) {
            String message = DkimBenchmark.message(size);
            String arrived = new DkimSigner(clock).sign(stream(message), sender, Canonicalization.RELAXED, Canonicalization.RELAXED)
                    + message;
            byte[] arrivedBytes = bytes(arrived);
            byte[] unchanged = bytes(trace + arrived);
            byte[] tagged = bytes(trace + arrived.replace("Subject: benchmark", "Subject: [EXT] benchmark"));
            int rounds = size > 100_000 ? ROUNDS / 10 : ROUNDS;
            TimedRuns.report(String.format(Locale.ROOT, "%7d B  decision, unchanged (not sealed)   ", message.length()), rounds,
                    () -> decide(arrivedBytes, unchanged, passed), !quiet);
            for (Algorithm a : List.of(Algorithm.RSA_SHA256, Algorithm.ED25519_SHA256)) {
                SigningKey key = SigningKey.generate("gw.example", "arc", a);
                ArcSealer sealer = new ArcSealer(clock);
                TimedRuns.report(String.format(Locale.ROOT, "%7d B  decision + seal, %-15s", message.length(), a.tag()), rounds, () -> {
                    if (!decide(arrivedBytes, tagged, passed)) {
                        throw new AssertionError("a tagged subject must be sealed");
                    }
                    return sealer.seal(new ByteArrayInputStream(tagged), key, "gw.example", "dkim=pass header.d=example.org", ArcResult.NONE);
                }, !quiet);
            }
        }
    }

    private static boolean decide(byte[] arrived, byte[] delivered, List<DkimResult> dkim) throws Exception {
        return BrokenSignatures.any(header(arrived), dkim, ArcResult.NONE, header(delivered), false);
    }

    private static List<io.sluice.dkim.HeaderField> header(byte[] message) throws Exception {
        try (InputStream in = new BufferedInputStream(new ByteArrayInputStream(message), 8192)) {
            return HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT).fields();
        }
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
