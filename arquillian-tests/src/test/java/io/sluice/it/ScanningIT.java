package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scanning end to end with the embedded engines (the default): viruses, spam, clean mail, learning. */
class ScanningIT extends GatewayTest {

    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    static byte[] zip(String name, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(data);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static String withAttachment(String name, byte[] data) {
        return "From: a@example.org\r\nTo: bob@example.com\r\nSubject: the files\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <files@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the archive.\r\n"
                + "--b1\r\nContent-Type: application/zip; name=\"" + name + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\r\n--b1--\r\n";
    }

    static final String CLEAN = "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: Lunch on Friday\r\n"
            + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <lunch-1@example.org>\r\n\r\nNoon at the usual place?\r\n";

    @Test
    void eicarInsideAZipInsideAZipInAMultipartMessageIsRefusedWith571() throws IOException {
        byte[] archive = zip("outer.zip", zip("eicar.com", EICAR.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("550 5.7.1 Message refused: virus found",
                Gateway.send("a@example.org", "bob@example.com", withAttachment("documents.zip", archive)));
        assertTrue(downstream.deliveries.isEmpty());
    }

    /** A zip of two entries whose first carries the encryption flag in its local header and its directory record. */
    static byte[] zipWithEncryptedFirst(String secretName, String name, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(secretName));
            z.write("not for your eyes".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(name));
            z.write(data);
            z.closeEntry();
        }
        byte[] zip = out.toByteArray();
        zip[6] |= 1; // local header: general purpose flag, bit 0 = encrypted
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1; // the first central directory record: the same flag
                break;
            }
        }
        return zip;
    }

    /** Regression: a zip reader that stopped at an encrypted entry let the EICAR behind it through. */
    @Test
    void anEncryptedFirstEntryDoesNotHideTheVirusBehindIt() throws IOException {
        byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
        String plain = Gateway.send("a@example.org", "bob@example.com", withAttachment("documents.zip",
                zip("eicar.com", eicar)));
        String behindEncrypted = Gateway.send("a@example.org", "bob@example.com", withAttachment("documents.zip",
                zipWithEncryptedFirst("secret.txt", "eicar.com", eicar)));
        assertEquals("550 5.7.1 Message refused: virus found", plain);
        assertEquals(plain, behindEncrypted);
        assertTrue(downstream.deliveries.isEmpty());
    }

    @Test
    void anEncryptedArchiveIsDeliveredMarkedUnderTheDefaultPolicy() throws IOException {
        String message = withAttachment("report.zip", zipWithEncryptedFirst("figures.xlsx", "readme.txt",
                "the password comes by phone".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Gateway.send("a@example.org", "bob@example.com", message).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertEquals("clean; policy=Default", t.verdict().get("X-Sluice-Verdict"));
        String delivered = new String(t.rest(), StandardCharsets.US_ASCII);
        assertTrue(delivered.contains("\r\nX-Sluice-Encrypted-Archive: yes\r\n\r\n--b1\r\n"), delivered);
    }

    @Test
    void anEncryptedEntryNamedLikeAProgramIsStillRefusedByName() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"No programs\",\"rules\":[{\"filter\":{\"type\":"
                + "\"ATTACHMENT_NAME\",\"pattern\":\"exe\"},\"actions\":[{\"type\":\"REJECT\",\"code\":552,\"status\":"
                + "\"5.7.1\",\"text\":\"Programs are not accepted here\"}]}]}"));
        assertEquals("552 5.7.1 Programs are not accepted here", Gateway.send("a@example.org", "bob@example.com",
                withAttachment("setup.zip", zipWithEncryptedFirst("setup.exe", "readme.txt", new byte[8]))));
    }

    @Test
    void zipHeadersThatDisagreeAreRefusedAsUnscannable() throws IOException {
        byte[] zip = zip("notes.txt", "see you at noon".getBytes(StandardCharsets.US_ASCII));
        System.arraycopy("notes.exe".getBytes(StandardCharsets.US_ASCII), 0, zip, 30, 9); // the local header's name only
        assertEquals("554 5.7.1 Message refused: it could not be scanned",
                Gateway.send("a@example.org", "bob@example.com", withAttachment("notes.zip", zip)));
    }

    @Test
    void aCleanMessagePassesUntouchedButForTheHeaders() throws IOException {
        String reply = Gateway.send("ann@example.org", "bob@example.com", CLEAN);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertArrayEquals(CLEAN.getBytes(StandardCharsets.US_ASCII), t.rest());
        assertEquals(Map.of(
                "X-Spam-Score", "0.0",
                "X-Spam-Status", "No, score=0.0 required=5.0 tests=none engine=embedded",
                "X-Virus-Scanned", "Sluice embedded engine",
                "X-Sluice-Verdict", "clean; policy=Default"), t.verdict());
    }

    @Test
    void gtubeIsTaggedUnderAPolicyThatTags() throws IOException {
        // the default policy quarantines a score of 15 or more; this one only tags
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Tag only\",\"rules\":[{\"name\":\"Spam\","
                + "\"filter\":{\"type\":\"SPAM_SCORE\",\"threshold\":5},\"actions\":[{\"type\":\"TAG_SUBJECT\",\"text\":"
                + "\"[SPAM] \"},{\"type\":\"ADD_HEADER\",\"header\":\"X-Spam-Flag\",\"value\":\"YES\"}]}]}"));
        String message = "From: spammer@example.net\r\nTo: bob@example.com\r\nSubject: cheap stuff\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gtube-1@example.net>\r\n\r\n" + GTUBE + "\r\n";
        assertTrue(Gateway.send("spammer@example.net", "bob@example.com", message).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertEquals("1000.0", t.verdict().get("X-Spam-Score"));
        assertEquals("Yes, score=1000.0 required=5.0 tests=GTUBE engine=embedded", t.verdict().get("X-Spam-Status"));
        assertEquals("spam; policy=Tag only", t.verdict().get("X-Sluice-Verdict"));
        assertEquals("From: spammer@example.net\r\nTo: bob@example.com\r\nSubject: [SPAM] cheap stuff\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gtube-1@example.net>\r\nX-Spam-Flag: YES\r\n\r\n"
                + GTUBE + "\r\n", new String(t.rest(), StandardCharsets.US_ASCII));
    }

    @Test
    void underTheDefaultPolicyCertainSpamGoesToTheQuarantine() throws IOException {
        String message = "From: spammer@example.net\r\nTo: bob@example.com\r\nSubject: x\r\n\r\n" + GTUBE + "\r\n";
        String queueId = Gateway.sendKept("spammer@example.net", "bob@example.com", message);
        JsonObject held = admin.expect(200, admin.get("/api/v1/quarantine/" + queueId)).json();
        assertEquals("HELD", held.getString("state"));
        assertEquals("Default", held.getString("policy"));
        assertTrue(held.getString("reason").startsWith("Spam, Certain spam: spam spam="), held.getString("reason"));
        assertEquals(0, downstream.deliveries.size());
    }

    @Test
    void forgedVerdictHeadersFromTheSenderAreReplaced() throws IOException {
        String forged = "From: ann@example.org\r\nX-Spam-Score: -100\r\nX-Sluice-Verdict: clean\r\nSubject: hi\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <forged@example.org>\r\n\r\nhello\r\n";
        assertTrue(Gateway.send("ann@example.org", "bob@example.com", forged).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertEquals("0.0", t.verdict().get("X-Spam-Score"));
        assertEquals("From: ann@example.org\r\nSubject: hi\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <forged@example.org>\r\n\r\nhello\r\n", new String(t.rest(), StandardCharsets.US_ASCII));
    }

    @Test
    void attachmentFiltersSeeInsideArchives() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"No programs\",\"rules\":[{\"filter\":{\"type\":"
                + "\"ATTACHMENT_NAME\",\"pattern\":\"*.exe\"},\"actions\":[{\"type\":\"REJECT\",\"code\":552,\"status\":"
                + "\"5.7.1\",\"text\":\"Programs are not accepted here\"}]}]}"));
        byte[] pe = new byte[256];
        pe[0] = 'M';
        pe[1] = 'Z';
        assertEquals("552 5.7.1 Programs are not accepted here",
                Gateway.send("a@example.org", "bob@example.com", withAttachment("setup.zip", zip("setup.exe", pe))));
        assertTrue(Gateway.send("a@example.org", "bob@example.com", withAttachment("notes.zip",
                zip("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII)))).startsWith("250 2.0.0 Ok"));
    }

    @Test
    void aZipBombIsRefusedAsUnscannable() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bomb)) {
            z.putNextEntry(new ZipEntry("zeros.bin"));
            z.write(new byte[20 * 1024 * 1024]);
            z.closeEntry();
        }
        assertEquals("554 5.7.1 Message refused: it could not be scanned",
                Gateway.send("a@example.org", "bob@example.com", withAttachment("bomb.zip", bomb.toByteArray())));
    }

    @Test
    void theBayesClassifierLearnsThroughTheApi() {
        JsonObject before = admin.get("/api/v1/scanning/spam/bayes").json();
        String spam = "From: x@spam.example\r\nSubject: replica watches\r\nMessage-ID: <learn-1@spam.example>\r\n\r\n"
                + "luxury replica watches at a discount\r\n";
        Api.Result first = admin.send("POST", "/api/v1/scanning/spam/learn?as=spam", spam,
                java.util.List.of("Content-Type", "message/rfc822"));
        assertEquals(200, first.status(), first.body());
        assertEquals("LEARNED", first.json().getString("outcome"));
        assertEquals(before.getInt("spamMessages") + 1, first.json().getInt("spamMessages"));
        Api.Result again = admin.send("POST", "/api/v1/scanning/spam/learn?as=spam", spam,
                java.util.List.of("Content-Type", "message/rfc822"));
        assertEquals("ALREADY_LEARNED", again.json().getString("outcome"));
        Api.Result flipped = admin.send("POST", "/api/v1/scanning/spam/learn?as=ham", spam,
                java.util.List.of("Content-Type", "message/rfc822"));
        assertEquals("RELEARNED", flipped.json().getString("outcome"));
        JsonObject after = admin.get("/api/v1/scanning/spam/bayes").json();
        assertEquals(before.getInt("spamMessages"), after.getInt("spamMessages"));
        assertEquals(before.getInt("hamMessages") + 1, after.getInt("hamMessages"));
        assertEquals(400, admin.send("POST", "/api/v1/scanning/spam/learn?as=maybe", spam,
                java.util.List.of("Content-Type", "message/rfc822")).status());
    }

    @Test
    void signatureFilesAreReadWithoutARestart() throws IOException {
        JsonObject before = admin.get("/api/v1/scanning/signatures").json();
        java.nio.file.Path dir = java.nio.file.Path.of(before.getString("directory"));
        java.nio.file.Files.writeString(dir.resolve("it-local.ndb"), "Sluice.IT.Marker:0:*:"
                + java.util.HexFormat.of().formatHex("SLUICE-IT-MARKER-3141".getBytes(StandardCharsets.US_ASCII)) + "\n");
        try {
            JsonObject after = admin.expect(200, admin.post("/api/v1/scanning/signatures/reload", "")).json();
            assertEquals(before.getInt("bodySignatures") + 1, after.getInt("bodySignatures"));
            assertEquals("550 5.7.1 Message refused: virus found", Gateway.send("a@example.org", "bob@example.com",
                    "Subject: marked\r\n\r\nthis carries SLUICE-IT-MARKER-3141 inside\r\n"));
        } finally {
            java.nio.file.Files.delete(dir.resolve("it-local.ndb"));
            admin.post("/api/v1/scanning/signatures/reload", "");
        }
    }
}
