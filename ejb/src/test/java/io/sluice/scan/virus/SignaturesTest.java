package io.sluice.scan.virus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The embedded engine's signature formats and its streaming matcher. */
class SignaturesTest {

    private static String scan(Signatures s, byte[] data, int chunk) {
        LeafScan scan = s.scan();
        for (int i = 0; i < data.length; i += chunk) {
            scan.update(data, i, Math.min(chunk, data.length - i));
        }
        return scan.finish();
    }

    private static Signatures fromFiles(String hdb, String ndb) throws IOException {
        Path dir = Files.createTempDirectory("sigs");
        if (hdb != null) {
            Files.writeString(dir.resolve("local.hdb"), hdb);
        }
        if (ndb != null) {
            Files.writeString(dir.resolve("local.ndb"), ndb);
        }
        return SignatureFiles.load(dir).signatures();
    }

    @Test
    void eicarIsAlwaysKnownAtTheStartOfAFile() {
        byte[] eicar = (Signatures.EICAR + "   \r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals("Eicar-Test-Signature", scan(Signatures.builtIn(), eicar, 7));
        assertNull(scan(Signatures.builtIn(), ("x" + Signatures.EICAR).getBytes(StandardCharsets.US_ASCII), 1000));
    }

    @Test
    void hashSignaturesByMd5AndSha256WithAndWithoutSize() throws Exception {
        byte[] bad = "some malware body".getBytes(StandardCharsets.US_ASCII);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bad));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bad));
        Signatures sized = fromFiles(md5 + ":" + bad.length + ":Test.Md5.Sized\n", null);
        assertEquals("Test.Md5.Sized", scan(sized, bad, 5));
        Signatures wrongSize = fromFiles(md5 + ":999:Test.Md5.Wrong\n", null);
        assertNull(scan(wrongSize, bad, 5));
        Signatures anySize = fromFiles("# comment\n\n" + sha256.toUpperCase() + ":*:Test.Sha256.Any\n", null);
        assertEquals("Test.Sha256.Any", scan(anySize, bad, 100));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // hex signature,                data,                  expected match
            "48656c6c6f,                    say Hello world,        true",
            "48656c6c6f,                    say hello world,        false",
            "48??6c6c6f,                    Hxllo,                  true",
            "4?656c6c6f,                    Jello,                  true",
            "4?656c6c6f,                    jello,                  false",
            "48656c{2}6f,                   Helxxo,                 true",
            "48656c{2}6f,                   Helxo,                  false",
            "48656c{1-3}6f,                 Helxxxo,                true",
            "48656c{-2}6f,                  Helo,                   true",
            "4865*6f21,                     He says no!,            true",
            "4865*6f21,                     He says no,             false",
    })
    void hexNotation(String hex, String data, boolean matches) {
        Signatures s = new Signatures(java.util.List.of(BodySignature.parse("Test.Sig", -1, 0, hex)),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), "test");
        assertEquals(matches ? "Test.Sig" : null, scan(s, data.getBytes(StandardCharsets.US_ASCII), 3));
    }

    @Test
    void aMatchAcrossTheWindowBoundaryIsFound() throws IOException {
        Signatures s = fromFiles(null, "Test.Boundary:0:*:deadbeef{4}cafebabe\n");
        // the window starts at 4 KiB and doubles up to 64 KiB: a match across each size is found
        for (int at : new int[] {0, 4_090, 4_096, 8_190, 16_380, 65_530, 65_536 - 4, 65_536, 131_070, 200_000 - 12}) {
            byte[] data = new byte[200_000];
            byte[] sig = HexFormat.of().parseHex("deadbeef00000000cafebabe");
            System.arraycopy(sig, 0, data, at, sig.length);
            for (int chunk : new int[] {1, 4096, 65_536, 200_000}) {
                if (chunk == 1 && at > 70_000) {
                    continue; // one octet at a time is slow and tells nothing more
                }
                assertEquals("Test.Boundary", scan(s, data, chunk), "at " + at + " chunk " + chunk);
            }
        }
    }

    @Test
    void absoluteOffsetsAndShifts() throws IOException {
        Signatures s = fromFiles(null, "Test.At4:0:4:41424344\nTest.Shift:1:10,3:5a5a\n");
        assertEquals("Test.At4", scan(s, "....ABCD".getBytes(StandardCharsets.US_ASCII), 3));
        assertNull(scan(s, ".....ABCD".getBytes(StandardCharsets.US_ASCII), 3));
        assertEquals("Test.Shift", scan(s, "............ZZ".getBytes(StandardCharsets.US_ASCII), 3));
        assertNull(scan(s, "..............ZZ".getBytes(StandardCharsets.US_ASCII), 3));
    }

    /** Past the last offset any signature may start at no octet is tried: the bound must hold across windows. */
    @Test
    void aSignatureAtAFixedOffsetFarIntoThePartIsFoundInEveryWindowSize() throws IOException {
        Signatures s = fromFiles(null, "Test.Far:0:70000,8:cafebabe\n");
        byte[] sig = HexFormat.of().parseHex("cafebabe");
        for (int at : new int[] {69_999, 70_000, 70_004, 70_008, 70_009}) {
            byte[] data = new byte[200_000];
            System.arraycopy(sig, 0, data, at, sig.length);
            for (int chunk : new int[] {7, 4096, 65_536, 200_000}) {
                assertEquals(at >= 70_000 && at <= 70_008 ? "Test.Far" : null, scan(s, data, chunk), "at " + at + " chunk " + chunk);
            }
        }
    }

    @Test
    void unusableLinesAreSkippedAndCounted() throws IOException {
        Path dir = Files.createTempDirectory("sigs");
        Files.writeString(dir.resolve("mixed.ndb"), "Good.One:0:*:41424344\nAlt.Not.Supported:0:*:41(42|43)44\n"
                + "Eof.Offset:0:EOF-10:4142\nBroken\n");
        SignatureFiles.Load load = SignatureFiles.load(dir);
        assertEquals(1, load.files());
        assertEquals(3, load.skipped());
        assertEquals(2, load.signatures().bodyCount()); // Good.One and the built-in EICAR
        assertEquals("Good.One", scan(load.signatures(), "xxABCDxx".getBytes(StandardCharsets.US_ASCII), 2));
    }

    @Test
    void refusedNotation() {
        assertThrows(IllegalArgumentException.class, () -> BodySignature.parse("x", -1, 0, "*4142"));
        assertThrows(IllegalArgumentException.class, () -> BodySignature.parse("x", -1, 0, "414"));
        assertThrows(IllegalArgumentException.class, () -> BodySignature.parse("x", -1, 0, "41{70000}42"));
    }
}
