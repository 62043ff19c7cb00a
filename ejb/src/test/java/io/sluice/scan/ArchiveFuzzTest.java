package io.sluice.scan;

import io.sluice.config.ScanLimits;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * Real archives, damaged at random: whatever the octets, the analysis answers (a finding, a limit)
 * and never throws or runs past its limits. {@link #fuzzerTestOneInput} is the entry point for a
 * coverage-guided fuzzer such as Jazzer; the test below is its seeded, repeatable short form.
 */
class ArchiveFuzzTest {

    private static final int MAX_PARTS = 200;
    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(
            new ScanLimits(8, MAX_PARTS, 64L * 1024 * 1024, 100, 10_000), Signatures.builtIn());

    /** Any octets, as a file attached on its own. */
    public static void fuzzerTestOneInput(byte[] data) {
        Analysis a = ANALYZER.analyzeFile("fuzz.bin", data);
        if (a.parts() > MAX_PARTS) {
            throw new AssertionError("past the parts limit: " + a.parts());
        }
    }

    @Test
    void damagedArchivesNeverEscapeTheAnalysis() throws IOException {
        byte[] text = "some text that compresses a little, some text that compresses a little".getBytes(
                StandardCharsets.US_ASCII);
        byte[] eicar = Messages.EICAR.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> seeds = List.of(
                Messages.zip("inner.zip", Messages.zip("a.txt", text)),
                ArchiveAnalysisTest.resource("encrypted-first.zip"),
                ArchiveAnalysisTest.resource("one-encrypted.7z"),
                new ZipBuilder().encrypted("s.txt", text).unlisted("h.com", eicar).renamed("x.exe", "x.txt", text).build(),
                ArchiveAnalysisTest.tar(new String[] {"a.txt", "b/e.com"}, text, eicar),
                ArchiveAnalysisTest.gzip(ArchiveAnalysisTest.tar(new String[] {"a.txt"}, text), "a.tar"),
                ArchiveAnalysisTest.sevenZ(new String[] {"a.txt", "e.com"}, text, eicar));
        Random random = new Random(20261130);
        for (int s = 0; s < seeds.size(); s++) {
            for (int i = 0; i < 120; i++) {
                byte[] damaged = mutate(seeds.get(s), random);
                String which = "seed " + s + ", run " + i;
                assertDoesNotThrow(() -> fuzzerTestOneInput(damaged), which);
            }
        }
    }

    /** One to four kinds of damage: flipped octets, 0xFF runs, a cut, a repeated stretch. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(8)), (byte) 0xFF);
                case 2 -> b = Arrays.copyOf(b, at);
                default -> {
                    int length = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] longer = Arrays.copyOf(b, b.length + length);
                    System.arraycopy(b, at, longer, at + length, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
