package io.sluice.scan.virus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signature files as an administrator (or a feed) might drop them into the signature directory:
 * loading never fails (an unusable line is skipped and counted), and the signatures loaded scan
 * any content without failing, within the time allowed per input.
 *
 * <p>Input: one octet (bit 0: a {@code .ndb} body signature file, else a {@code .hdb} hash file),
 * the file's text up to the first NUL octet, then content to scan.
 */
class SignatureFilesFuzzTest {

    private static Path dir;

    @BeforeAll
    static void directory() throws IOException {
        dir = Files.createTempDirectory("signatures");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void loadAndScan(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        boolean ndb = (input[0] & 1) != 0;
        int end = 1;
        while (end < input.length && input[end] != 0) {
            end++;
        }
        byte[] file = Arrays.copyOfRange(input, 1, end);
        byte[] content = end < input.length ? Arrays.copyOfRange(input, end + 1, input.length) : new byte[0];
        Files.deleteIfExists(dir.resolve(ndb ? "fuzz.hdb" : "fuzz.ndb"));
        Files.write(dir.resolve(ndb ? "fuzz.ndb" : "fuzz.hdb"), file);

        SignatureFiles.Load load = SignatureFiles.load(dir);
        assertEquals(1, load.files());
        long lines = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertTrue(load.skipped() <= lines, load.skipped() + " skipped of " + lines);

        LeafScan scan = load.signatures().scan();
        for (int i = 0; i < 4; i++) { // the same content four times: matches across updates too
            scan.update(content, 0, content.length);
        }
        scan.finish();
    }
}
