package io.sluice.it;

import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each policy action end to end, checked on the octets the downstream mail server received. */
class ActionsIT extends GatewayTest {

    private final Api admin = Api.admin();

    static final String TEXT_PART = "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe numbers are attached.\r\n";
    static final String EXE_PART = "Content-Type: application/octet-stream; name=\"setup.exe\"\r\n"
            + "Content-Disposition: attachment; filename=\"setup.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n";
    static final String PDF_PART = "Content-Type: application/pdf; name=\"q3.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"q3.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n";
    static final String HEAD = "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: Q3\r\n"
            + "Date: Sun, 29 Nov 2026 08:00:00 +0000\r\nMessage-ID: <q3@example.org>\r\nMIME-Version: 1.0\r\n";
    static final String MIXED = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + "--b1\r\n" + TEXT_PART + "--b1\r\n" + EXE_PART + "--b1\r\n" + PDF_PART + "--b1--\r\n";

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /** A policy for bob@example.com whose one rule always does {@code actions} (JSON array items). */
    private void policy(String actions) {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Bob\",\"recipients\":[{\"kind\":\"ADDRESS\","
                + "\"value\":\"bob@example.com\"}],\"rules\":[{\"name\":\"act\",\"filter\":{\"type\":\"ALWAYS\"},"
                + "\"actions\":[" + actions + "]}]}"));
    }

    /** The gateway's queue id of the last message sent. */
    private String queueId;

    private TestDownstream.Delivery sendAndReceive(String content) throws Exception {
        String reply = Gateway.send("ann@example.org", "bob@example.com", content);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        queueId = Gateway.queueId(reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        return downstream.deliveries.get(0);
    }

    private static String rest(TestDownstream.Delivery d) {
        return new String(TraceHeader.split(d.content()).rest(), StandardCharsets.UTF_8);
    }

    @Test
    void headerChangesLeaveTheBodyAsItWas() throws Exception {
        policy("{\"type\":\"TAG_SUBJECT\",\"text\":\"[EXT] \"},{\"type\":\"ADD_HEADER\",\"header\":\"X-Ext\","
                + "\"value\":\"yes\"},{\"type\":\"REMOVE_HEADER\",\"header\":\"Date\"}");
        TestDownstream.Delivery d = sendAndReceive(MIXED);
        assertEquals("From: ann@example.org\r\nTo: bob@example.com\r\nSubject: [EXT] Q3\r\n"
                + "Message-ID: <q3@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "X-Ext: yes\r\n\r\n" + MIXED.substring(MIXED.indexOf("\r\n\r\n") + 4), rest(d));
    }

    @Test
    void strippedAttachmentIsReplacedByANoticeAndTheOriginalKeptInQuarantine() throws Exception {
        policy("{\"type\":\"STRIP_ATTACHMENT\",\"value\":\"*.exe\"}");
        TestDownstream.Delivery d = sendAndReceive(MIXED);
        String notice = "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
                + "Content-Disposition: inline\r\n\r\nThe attachment \"setup.exe\" was removed from this message by the "
                + "mail gateway's policy.\r\nThe original message is kept in quarantine as " + queueId
                + "; ask your administrator if you need it.\r\n";
        String delivered = rest(d);
        assertEquals(MIXED.replace(EXE_PART, notice), delivered);
        assertValidMime(delivered, 3);

        JsonObject held = admin.expect(200, admin.get("/api/v1/quarantine/" + queueId)).json();
        assertEquals("attachment stripped: setup.exe", held.getString("reason"));
        Api.Result raw = admin.expect(200, admin.get("/api/v1/quarantine/" + queueId + "/raw"));
        assertEquals("message/rfc822", raw.contentType());
        assertEquals(MIXED, new String(TraceHeader.split(raw.body().getBytes(StandardCharsets.UTF_8)).rest(),
                StandardCharsets.UTF_8));
    }

    /**
     * Regression: ATTACHMENT_NAME *.exe matched an .exe inside a forwarded message that
     * STRIP_ATTACHMENT *.exe then left in place. A rule that strips what its own filter matched
     * now takes it out of the forwarded message, whose header fields stay as they were.
     */
    @Test
    void anAttachmentInsideAForwardedMessageIsStrippedWhereTheFilterFoundIt() throws Exception {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Bob\",\"recipients\":[{\"kind\":\"ADDRESS\","
                + "\"value\":\"bob@example.com\"}],\"rules\":[{\"name\":\"exe\",\"filter\":{\"type\":\"ATTACHMENT_NAME\","
                + "\"pattern\":\"*.exe\"},\"actions\":[{\"type\":\"STRIP_ATTACHMENT\",\"value\":\"*.exe\"}]}]}"));
        String forward = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" + TEXT_PART
                + "--b1\r\nContent-Type: message/rfc822; name=\"tools.eml\"\r\nContent-Disposition: attachment; "
                + "filename=\"tools.eml\"\r\n\r\nFrom: carol@example.net\r\nSubject: tools\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n--in\r\n" + TEXT_PART + "--in\r\n" + EXE_PART
                + "--in--\r\n--b1--\r\n";
        TestDownstream.Delivery d = sendAndReceive(forward);
        String notice = "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
                + "Content-Disposition: inline\r\n\r\nThe attachment \"setup.exe\" was removed from this message by the "
                + "mail gateway's policy.\r\nThe original message is kept in quarantine as " + queueId
                + "; ask your administrator if you need it.\r\n";
        String delivered = rest(d);
        assertEquals(forward.replace(EXE_PART, notice), delivered);
        assertValidMime(delivered, 2);
        JsonObject held = admin.expect(200, admin.get("/api/v1/quarantine/" + queueId)).json();
        assertEquals("attachment stripped: setup.exe", held.getString("reason"));
    }

    @Test
    void disclaimerIsAppendedToTheTextBodyOnly() throws Exception {
        policy("{\"type\":\"DISCLAIMER\",\"text\":\"--\\nExample Corp. This message may be confidential.\"}");
        TestDownstream.Delivery d = sendAndReceive(MIXED);
        String delivered = rest(d);
        assertEquals(MIXED.replace(TEXT_PART, "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\nThe numbers are attached.\r\n\r\n--\r\n"
                + "Example Corp. This message may be confidential.\r\n"), delivered);
        assertValidMime(delivered, 3);
    }

    @Test
    void aSignedMessageIsDeliveredUnchangedAndFlagged() throws Exception {
        policy("{\"type\":\"DISCLAIMER\",\"text\":\"Example Corp.\"}");
        String signed = HEAD + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                + "micalg=sha-256; boundary=\"s1\"\r\n\r\n--s1\r\n" + TEXT_PART
                + "--s1\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0B\r\n"
                + "--s1--\r\n";
        TestDownstream.Delivery d = sendAndReceive(signed);
        String delivered = rest(d);
        int end = signed.indexOf("\r\n\r\n");
        assertEquals(signed.substring(0, end) + "\r\nX-Sluice-Unmodified: multipart/signed (signed or encrypted: left as"
                + " it was)" + signed.substring(end), delivered);
    }

    @Test
    void redirectChangesOnlyTheRecipient() throws Exception {
        policy("{\"type\":\"REDIRECT\",\"address\":\"review@example.com\"}");
        TestDownstream.Delivery d = sendAndReceive(MIXED);
        assertEquals(List.of("review@example.com"), d.recipients());
        assertEquals("ann@example.org", d.sender());
        assertEquals(MIXED, rest(d));
    }

    @Test
    void archiveSendsACopyAsReceivedBeforeTheTaggedDelivery() throws Exception {
        policy("{\"type\":\"ARCHIVE\",\"address\":\"archive@example.com\"},{\"type\":\"TAG_SUBJECT\",\"text\":\"[EXT] \"}");
        String reply = Gateway.send("ann@example.org", "bob@example.com", MIXED);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        TestDownstream.Delivery archived = downstream.deliveries.get(0);
        TestDownstream.Delivery delivered = downstream.deliveries.get(1);
        assertEquals(List.of("archive@example.com"), archived.recipients());
        assertEquals("ann@example.org", archived.sender());
        assertEquals(MIXED, rest(archived));
        assertEquals(List.of("bob@example.com"), delivered.recipients());
        assertEquals(MIXED.replace("Subject: Q3", "Subject: [EXT] Q3"), rest(delivered));
    }

    @Test
    void quarantineStoresTheMessageAndDeliversNothing() throws Exception {
        policy("{\"type\":\"QUARANTINE\"}");
        String queueId = Gateway.sendKept("ann@example.org", "bob@example.com", MIXED);
        JsonObject held = admin.expect(200, admin.get("/api/v1/quarantine/" + queueId)).json();
        assertEquals("HELD", held.getString("state"));
        assertEquals("Bob", held.getString("policy"));
        assertEquals("ann@example.org", held.getString("sender"));
        assertEquals("[\"bob@example.com\"]", held.getJsonArray("recipients").toString());
        assertEquals("Q3", held.getString("subject"));
        Thread.sleep(300);
        assertEquals(0, downstream.deliveries.size());
    }

    @Test
    void dropAnswers250DeliversNothingAndIsTracked() throws Exception {
        policy("{\"type\":\"DROP\"}");
        String queueId = Gateway.sendKept("ann@example.org", "bob@example.com", MIXED);
        JsonObject row = TrackingIT.tracked(admin, queueId);
        assertEquals("DROPPED", row.getString("outcome"));
        assertEquals("DROP", row.getString("actions"));
        assertEquals(0, downstream.deliveries.size());
    }

    /** Parses as MIME with {@code parts} parts, each readable. */
    static void assertValidMime(String message, int parts) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertEquals(parts, mp.getCount());
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            p.getContent();
        }
    }
}
