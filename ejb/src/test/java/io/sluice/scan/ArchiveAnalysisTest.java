package io.sluice.scan;

import io.sluice.config.ScanLimits;
import io.sluice.scan.ArchiveFinding.Kind;
import io.sluice.scan.virus.Signatures;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.sluice.scan.Messages.EICAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives in the analysis: every entry's name checked and every readable entry scanned, whatever
 * comes before it (encrypted, unsupported, broken), in zip, tar, tar.gz and 7z; what disagrees or
 * is broken reported; the limits held.
 */
class ArchiveAnalysisTest {

    private static final byte[] EICAR_BYTES = EICAR.getBytes(StandardCharsets.US_ASCII);
    private final MessageAnalyzer analyzer = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    private static VirusHit eicarAt(String path) {
        return new VirusHit(Signatures.EICAR_NAME, path, "embedded");
    }

    private Analysis attached(String name, byte[] archive) throws IOException {
        return analyzer.analyze(Messages.inMemory(Messages.withAttachment(name, "application/octet-stream", archive)));
    }

    private static List<String> paths(Analysis a) {
        return a.attachments().stream().map(Attachment::path).toList();
    }

    @Test
    void anEncryptedFirstEntryDoesNotHideTheVirusAfterIt() throws IOException {
        byte[] zip = new ZipBuilder().encrypted("secret.txt", "top secret".getBytes(StandardCharsets.US_ASCII))
                .add("eicar.com", EICAR_BYTES).build();
        Analysis a = attached("documents.zip", zip);
        assertEquals(List.of(eicarAt("1.2/documents.zip/eicar.com")), a.viruses());
        assertEquals(List.of(
                new Attachment("1.2/documents.zip/secret.txt", "secret.txt", "", "application/octet-stream", 0, true),
                new Attachment("1.2/documents.zip/eicar.com", "eicar.com", "", "text/plain", 68, false),
                new Attachment("1.2", "documents.zip", "application/octet-stream", "application/zip", zip.length, false)),
                a.attachments());
        assertTrue(a.encryptedArchive());
        assertEquals(List.of(), a.findings());
        assertNull(a.unscannable());
    }

    @Test
    void aZipMadeWithZipDashEIsReadPastItsEncryptedEntry() throws IOException {
        // encrypted-first.zip: "zip -e -P hunter2" of secret.txt, then readme.txt added without a password
        Analysis a = attached("encrypted-first.zip", resource("encrypted-first.zip"));
        assertEquals(List.of("1.2/encrypted-first.zip/secret.txt", "1.2/encrypted-first.zip/readme.txt", "1.2"), paths(a));
        assertTrue(a.attachments().get(0).encrypted());
        assertEquals(new Attachment("1.2/encrypted-first.zip/readme.txt", "readme.txt", "", "text/plain", 37, false),
                a.attachments().get(1));
        assertEquals(List.of(), a.findings());
        assertNull(a.unscannable());
    }

    @Test
    void theNamesOfEncryptedEntriesAreStillChecked() throws IOException {
        byte[] zip = new ZipBuilder().encrypted("docs/setup.exe", new byte[] {'M', 'Z'}).build();
        Analysis a = attached("invoice.zip", zip);
        assertEquals(List.of("setup.exe", "invoice.zip"), a.names());
        assertTrue(a.encryptedArchive());
    }

    @Test
    void anEncryptedZipInsideAZipStillHasItsOtherEntriesScanned() throws IOException {
        byte[] inner = new ZipBuilder().encrypted("a.txt", new byte[10]).add("b/eicar.com", EICAR_BYTES).build();
        byte[] outer = Messages.zip("inner.zip", inner);
        Analysis a = attached("outer.zip", outer);
        assertEquals(List.of(eicarAt("1.2/outer.zip/inner.zip/b/eicar.com")), a.viruses());
        assertEquals(List.of("1.2/outer.zip/inner.zip/a.txt", "1.2/outer.zip/inner.zip/b/eicar.com",
                "1.2/outer.zip/inner.zip", "1.2"), paths(a));
        assertEquals(List.of(), a.findings());
    }

    @Test
    void anEntryInAnUnsupportedMethodIsReportedAndTheNextIsRead() throws IOException {
        byte[] zip = new ZipBuilder().method("packed.bin", 98 /* PPMd */, new byte[20]).add("eicar.com", EICAR_BYTES)
                .build();
        Analysis a = attached("x.zip", zip);
        assertEquals(List.of(eicarAt("1.2/x.zip/eicar.com")), a.viruses());
        assertEquals(List.of(new ArchiveFinding(Kind.UNREADABLE, "1.2/x.zip", "packed.bin",
                "compressed with PPMD, which is not supported")), a.findings());
        assertEquals("an archive entry cannot be read: 1.2/x.zip (packed.bin): compressed with PPMD, which is not supported",
                a.unscannable());
        assertTrue(a.names().contains("packed.bin"));
    }

    @Test
    void zstandardEntriesAreUnreadableWhetherReadByDirectoryOrByLocalHeaders() throws IOException {
        // Commons Compress offers Zstandard, but only with a native library that is not there
        byte[] whole = new ZipBuilder().method("z.bin", 93, new byte[20]).add("eicar.com", EICAR_BYTES).build();
        for (byte[] zip : List.of(whole, Arrays.copyOf(whole, whole.length - 22))) {
            Analysis a = attached("z.zip", zip);
            assertEquals(List.of(eicarAt("1.2/z.zip/eicar.com")), a.viruses());
            assertTrue(a.findings().contains(new ArchiveFinding(Kind.UNREADABLE, "1.2/z.zip", "z.bin",
                    "compressed with ZSTD, which is not supported")), a.findings().toString());
        }
    }

    @Test
    void aLocalHeaderNameThatDiffersFromTheCentralDirectoryIsAFactAndBothNamesAreChecked() throws IOException {
        byte[] zip = new ZipBuilder().renamed("invoice.exe", "invoice.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .build();
        Analysis a = attached("x.zip", zip);
        assertEquals(List.of(new ArchiveFinding(Kind.MISMATCH, "1.2/x.zip", "invoice.exe",
                "the local header names it invoice.exe, the central directory invoice.txt")), a.findings());
        assertEquals(List.of("invoice.txt", "x.zip", "invoice.exe"), a.names());
        assertTrue(a.unscannable().startsWith("zip local headers and central directory disagree: 1.2/x.zip"),
                a.unscannable());
    }

    @Test
    void anEntryOnlyTheLocalHeadersShowIsReportedAndScanned() throws IOException {
        // what a streaming unpacker shows first, and a central-directory reader never sees
        byte[] zip = new ZipBuilder().unlisted("hidden.com", EICAR_BYTES)
                .add("notes.txt", "nothing here".getBytes(StandardCharsets.US_ASCII)).build();
        Analysis a = attached("x.zip", zip);
        assertEquals(List.of(eicarAt("1.2/x.zip/hidden.com")), a.viruses());
        assertEquals(List.of(new ArchiveFinding(Kind.MISMATCH, "1.2/x.zip", "hidden.com",
                "a local header at offset 0 that the central directory does not list")), a.findings());
        assertEquals(List.of("1.2/x.zip/notes.txt", "1.2/x.zip/hidden.com", "1.2"), paths(a));
    }

    @Test
    void anEntryOnlyTheCentralDirectoryListsIsReported() throws IOException {
        byte[] zip = new ZipBuilder().add("a.txt", "a".getBytes(StandardCharsets.US_ASCII)).withoutLocalHeader("ghost.exe")
                .add("eicar.com", EICAR_BYTES).build();
        Analysis a = attached("x.zip", zip);
        // the library gives up on the whole directory for one bad record; the local headers are read instead
        assertEquals(List.of(new ArchiveFinding(Kind.MISMATCH, "1.2/x.zip", "ghost.exe",
                        "listed in the central directory, with no local header"),
                new ArchiveFinding(Kind.DAMAGED, "1.2/x.zip", "", "Error reading Zip content from "
                        + "SeekableInMemoryByteChannel: local file header for ghost.exe starts after central directory")),
                a.findings());
        assertEquals(List.of(eicarAt("1.2/x.zip/eicar.com")), a.viruses());
        assertEquals(List.of("1.2/x.zip/a.txt", "1.2/x.zip/eicar.com", "1.2"), paths(a));
        assertTrue(a.names().contains("ghost.exe"));
    }

    @Test
    void aZipWithoutItsCentralDirectoryIsDamagedAndReadFromItsLocalHeaders() throws IOException {
        byte[] whole = new ZipBuilder().add("a.txt", "first".getBytes(StandardCharsets.US_ASCII))
                .add("eicar.com", EICAR_BYTES).build();
        byte[] cut = Arrays.copyOf(whole, whole.length - 60); // the end record and part of the directory gone
        Analysis a = attached("cut.zip", cut);
        assertEquals(List.of(eicarAt("1.2/cut.zip/eicar.com")), a.viruses());
        assertEquals(new ArchiveFinding(Kind.DAMAGED, "1.2/cut.zip", "", "no end of central directory record"),
                a.findings().get(0));
        assertEquals("a damaged archive: 1.2/cut.zip: no end of central directory record", a.unscannable());
    }

    @Test
    void tarEntriesAreNamedAndScanned() throws IOException {
        byte[] tar = tar(new String[] {"docs/readme.txt", "docs/eicar.com", "bin/setup.exe"},
                "read me".getBytes(StandardCharsets.US_ASCII), EICAR_BYTES, new byte[] {'M', 'Z', 0, 0});
        Analysis a = attached("bundle.tar", tar);
        assertEquals(List.of(eicarAt("1.2/bundle.tar/docs/eicar.com")), a.viruses());
        assertEquals(List.of("readme.txt", "eicar.com", "setup.exe", "bundle.tar"), a.names());
        assertEquals("application/x-tar", a.attachments().get(3).detectedType());
        assertEquals(List.of(), a.findings());
    }

    @Test
    void aTarGzIsOpenedTwice() throws IOException {
        byte[] tgz = gzip(tar(new String[] {"eicar.com"}, EICAR_BYTES), null);
        Analysis a = attached("logs.tar.gz", tgz);
        assertEquals(List.of(eicarAt("1.2/logs.tar.gz/logs.tar/eicar.com")), a.viruses());
        assertEquals(List.of("1.2/logs.tar.gz/logs.tar/eicar.com", "1.2/logs.tar.gz/logs.tar", "1.2"), paths(a));
        assertEquals(List.of(), a.findings());
    }

    @Test
    void aGzipIsNamedByItsHeader() throws IOException {
        Analysis a = attached("invoice.gz", gzip(new byte[] {'M', 'Z', 0, 0}, "invoice.exe"));
        assertEquals(List.of("invoice.exe", "invoice.gz"), a.names());
    }

    @Test
    void aTruncatedGzipIsDamaged() throws IOException {
        byte[] gz = gzip("some text that will be cut short".repeat(50).getBytes(StandardCharsets.US_ASCII), null);
        Analysis a = attached("notes.txt.gz", Arrays.copyOf(gz, gz.length / 2));
        assertEquals(1, a.findings().size());
        assertEquals(Kind.DAMAGED, a.findings().get(0).kind());
        assertEquals("1.2/notes.txt.gz", a.findings().get(0).path());
    }

    @Test
    void sevenZipEntriesAreNamedAndScanned() throws IOException {
        byte[] sevenZ = sevenZ(new String[] {"readme.txt", "sub/eicar.com"}, "hello".getBytes(StandardCharsets.US_ASCII),
                EICAR_BYTES);
        Analysis a = attached("files.7z", sevenZ);
        assertEquals(List.of(eicarAt("1.2/files.7z/sub/eicar.com")), a.viruses());
        assertEquals(List.of("readme.txt", "eicar.com", "files.7z"), a.names());
        assertEquals("application/x-7z-compressed", a.attachments().get(2).detectedType());
        assertEquals(List.of(), a.findings());
    }

    @Test
    void anEncryptedSevenZipEntryIsNamedAndTheOtherIsRead() throws IOException {
        // one-encrypted.7z: "7z a" of readme.txt, then "7z a -phunter2" of secret.txt (p7zip 16.02)
        Analysis a = attached("one-encrypted.7z", resource("one-encrypted.7z"));
        assertEquals(List.of(
                new Attachment("1.2/one-encrypted.7z/readme.txt", "readme.txt", "", "text/plain", 37, false),
                new Attachment("1.2/one-encrypted.7z/secret.txt", "secret.txt", "", "application/octet-stream", 0, true)),
                a.attachments().subList(0, 2));
        assertTrue(a.encryptedArchive());
        assertEquals(List.of(), a.findings());
    }

    @Test
    void aSevenZipWithEncryptedNamesIsOneEncryptedEntry() throws IOException {
        // encrypted-names.7z: "7z a -phunter2 -mhe=on" of secret.txt and readme.txt
        Analysis a = attached("encrypted-names.7z", resource("encrypted-names.7z"));
        assertEquals(List.of("1.2/encrypted-names.7z/(encrypted)", "1.2"), paths(a));
        assertTrue(a.encryptedArchive());
        assertEquals(List.of(), a.findings());
        assertNull(a.unscannable());
    }

    @Test
    void aSevenZipBombStopsAtTheRatio() throws IOException {
        Analysis a = attached("zeros.7z", sevenZ(new String[] {"zeros.bin"}, new byte[8 * 1024 * 1024]));
        assertEquals("an archive member expands more than 100 times (a zip bomb?)", a.unscannable());
    }

    @Test
    void aGzipBombInsideAZipStopsAtTheRatio() throws IOException {
        Analysis a = attached("x.zip", Messages.zip("zeros.gz", gzip(new byte[8 * 1024 * 1024], null)));
        assertEquals("an archive member expands more than 100 times (a zip bomb?)", a.unscannable());
    }

    @Test
    void aCentralDirectoryListingTooManyEntriesIsRefusedBeforeItIsRead() throws IOException {
        ZipBuilder many = new ZipBuilder();
        for (int i = 0; i < 5000; i++) {
            many.add("f" + i + ".txt", "x");
        }
        Analysis a = attached("many.zip", many.build());
        assertEquals("more than 1000 parts and archive members", a.unscannable());
        assertEquals(1000, a.parts());
    }

    @Test
    void aLargeArchiveIsSpooledToAFileThatIsDeletedAfterwards() throws IOException {
        byte[] data = new byte[600_000];
        new java.util.Random(5).nextBytes(data);
        byte[] zip = new ZipBuilder().add("data.bin", data).add("eicar.com", EICAR_BYTES).build();
        var message = Messages.inFile(Messages.withAttachment("big.zip", "application/zip", zip));
        Path dir = message.file().getParent();
        Analysis a = analyzer.analyze(message);
        assertEquals(List.of(eicarAt("1.2/big.zip/eicar.com")), a.viruses());
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("sluice-archive")));
        }
    }

    @Test
    void aFileOnItsOwnCanBeAnalysed() {
        Analysis a = analyzer.analyzeFile("x.zip", new ZipBuilder().encrypted("a", new byte[1]).add("e.com", EICAR_BYTES)
                .build());
        assertEquals(List.of(eicarAt("1/x.zip/e.com")), a.viruses());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ArchiveAnalysisTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static byte[] tar(String[] names, byte[]... contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < names.length; i++) {
                TarArchiveEntry e = new TarArchiveEntry(names[i]);
                e.setSize(contents[i].length);
                t.putArchiveEntry(e);
                t.write(contents[i]);
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters p = new GzipParameters();
        if (name != null) {
            p.setFileName(name);
        }
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, p)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] sevenZ(String[] names, byte[]... contents) throws IOException {
        SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile z = new SevenZOutputFile(ch)) {
            for (int i = 0; i < names.length; i++) {
                SevenZArchiveEntry e = new SevenZArchiveEntry();
                e.setName(names[i]);
                e.setSize(contents[i].length);
                z.putArchiveEntry(e);
                z.write(contents[i]);
                z.closeArchiveEntry();
            }
            z.finish();
            return Arrays.copyOf(ch.array(), (int) ch.size());
        }
    }
}
