package io.sluice.scan;

import io.sluice.config.ScanLimits;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.sluice.scan.Messages.EICAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysis of one message: MIME tree, archives, types, text, viruses, and its limits. */
class MessageAnalyzerTest {

    private final MessageAnalyzer analyzer = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    private static final VirusHit eicarAt(String path) {
        return new VirusHit(Signatures.EICAR_NAME, path, "embedded");
    }

    @Test
    void aPlainMessageIsOneTextPart() throws IOException {
        Analysis a = analyzer.analyze(Messages.inMemory("Subject: hi\r\n\r\nHello there.\r\n"));
        assertEquals(List.of(new TextPart("1", "text/plain", "Hello there.\r\n")), a.texts());
        assertEquals(List.of(), a.attachments());
        assertEquals(List.of(), a.viruses());
        assertNull(a.unscannable());
        assertFalse(a.malformed());
    }

    @Test
    void eicarAsTheWholeBody() throws IOException {
        Analysis a = analyzer.analyze(Messages.inMemory("Subject: test\r\n\r\n" + EICAR + "\r\n"));
        assertEquals(List.of(eicarAt("1")), a.viruses());
    }

    @Test
    void eicarInTheMiddleOfATextIsNotTheTestFile() throws IOException {
        // the EICAR convention: the file starts with the string
        Analysis a = analyzer.analyze(Messages.inMemory("Subject: quote\r\n\r\nthe string " + EICAR + "\r\n"));
        assertEquals(List.of(), a.viruses());
    }

    @Test
    void eicarInABase64Attachment() throws IOException {
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("eicar.com", "application/octet-stream",
                EICAR.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(List.of(eicarAt("1.2")), a.viruses());
        assertEquals(List.of(new Attachment("1.2", "eicar.com", "application/octet-stream", "text/plain", 68, false)),
                a.attachments());
        assertEquals("See attached.", a.texts().get(0).text());
    }

    @Test
    void eicarInAZipInAZipInAMultipartFromAFileSpool() throws IOException {
        byte[] inner = Messages.zip("eicar.com", EICAR.getBytes(StandardCharsets.US_ASCII));
        byte[] outer = Messages.zip("inner.zip", inner);
        Analysis a = analyzer.analyze(Messages.inFile(Messages.withAttachment("outer.zip", "application/zip", outer)));
        assertEquals(List.of(eicarAt("1.2/outer.zip/inner.zip/eicar.com")), a.viruses());
        assertEquals(List.of("1.2/outer.zip/inner.zip/eicar.com", "1.2/outer.zip/inner.zip", "1.2"),
                a.attachments().stream().map(Attachment::path).toList());
        assertEquals("application/zip", a.attachments().get(1).detectedType());
        assertEquals(4, a.parts());
        assertEquals(List.of(), a.findings()); // what java.util.zip writes agrees with itself
    }

    @Test
    void aRenamedExecutableIsDetectedByContent() throws IOException {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("invoice.pdf", "application/pdf", pe)));
        Attachment att = a.attachments().get(0);
        assertEquals("invoice.pdf", att.name());
        assertEquals("application/pdf", att.declaredType());
        assertEquals("application/x-msdownload", att.detectedType());
    }

    @Test
    void aZipBombIsUnscannableNotACrash() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bomb)) {
            z.putNextEntry(new ZipEntry("zeros.bin"));
            z.write(new byte[50 * 1024 * 1024]);
            z.closeEntry();
        }
        assertTrue(bomb.size() < 100_000, "the bomb is " + bomb.size() + " octets");
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("bomb.zip", "application/zip",
                bomb.toByteArray())));
        assertEquals("an archive member expands more than 100 times (a zip bomb?)", a.unscannable());
    }

    @Test
    void nestingDeeperThanTheLimitIsUnscannable() throws IOException {
        byte[] data = "innermost".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            data = Messages.zip("level" + i + ".zip", data);
        }
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("deep.zip", "application/zip", data)));
        assertEquals("nested deeper than 16 levels", a.unscannable());
    }

    @Test
    void tooManyMembersIsUnscannable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < 1200; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".txt"));
                z.write(("file " + i).getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("many.zip", "application/zip",
                out.toByteArray())));
        assertEquals("more than 1000 parts and archive members", a.unscannable());
    }

    @Test
    void aVirusFoundBeforeALimitIsStillReported() throws IOException {
        MessageAnalyzer tight = new MessageAnalyzer(new ScanLimits(16, 3, 1 << 30, 100, 1000), Signatures.builtIn());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < 5; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".com"));
                z.write(EICAR.getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        Analysis a = tight.analyze(Messages.inMemory(Messages.withAttachment("x.zip", "application/zip",
                out.toByteArray())));
        assertEquals("more than 3 parts and archive members", a.unscannable());
        assertEquals(List.of(eicarAt("1.2/x.zip/f0.com")), a.viruses());
    }

    @Test
    void anEncryptedMemberIsMarkedNotReadButNamed() throws IOException {
        byte[] zip = Messages.zip("secret.txt", "top secret".getBytes(StandardCharsets.US_ASCII));
        zip[6] |= 1;                       // local header: general purpose flag, bit 0 = encrypted
        int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        zip[central + 8] |= 1;             // central directory entry: the same flag
        Analysis a = analyzer.analyze(Messages.inMemory(Messages.withAttachment("secret.zip", "application/zip", zip)));
        assertNull(a.unscannable());
        assertEquals(new Attachment("1.2/secret.zip/secret.txt", "secret.txt", "", "application/octet-stream", 0, true),
                a.attachments().get(0));
        assertTrue(a.encryptedArchive());
        assertFalse(a.malformed());
    }

    @Test
    void charsetsAreHonouredAndUnknownOnesFallBack() throws IOException {
        String msg = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe =80 10\r\n--b\r\nContent-Type: text/plain; charset=x-unheard-of\r\n\r\ncaf\u00e9\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(
                "<html><head><style>p{}</style></head><body><p>Buy &amp; save&nbsp;now</p><script>x()</script></body></html>"
                        .getBytes(StandardCharsets.UTF_8)) + "\r\n--b--\r\n";
        Analysis a = analyzer.analyze(Messages.inMemory(msg));
        // the CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1)
        assertEquals(List.of("Grüße € 10", "caf\u00e9", "Buy & save now"),
                a.texts().stream().map(TextPart::text).toList());
    }

    @Test
    void brokenMimeIsReadAsFarAsPossible() throws IOException {
        String msg = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
                + "--zz\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--zz\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(EICAR.getBytes(StandardCharsets.US_ASCII)) + "\r\n"; // no closing boundary
        Analysis a = analyzer.analyze(Messages.inMemory(msg));
        assertEquals(List.of(eicarAt("1.2")), a.viruses());
        assertNull(a.unscannable());
    }

    @Test
    void aMultipartWithoutBoundaryIsMalformedButItsBytesAreScanned() throws IOException {
        Analysis a = analyzer.analyze(Messages.inMemory("Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed"
                + "\r\n\r\n" + EICAR + "\r\n"));
        assertEquals(1, a.viruses().size());
    }

    @Test
    void anAttachedMessageIsOpened() throws IOException {
        String inner = Messages.withAttachment("eicar.com", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII));
        String outer = "Subject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n"
                + "--o\r\nContent-Type: text/plain\r\n\r\nforwarded\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n"
                + inner + "\r\n--o--\r\n";
        Analysis a = analyzer.analyze(Messages.inMemory(outer));
        assertEquals(List.of(eicarAt("1.2.1.2")), a.viruses());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
