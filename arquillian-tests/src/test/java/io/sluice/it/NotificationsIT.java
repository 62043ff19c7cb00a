package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notifications: rendered templates, the null reverse-path, and nobody written to who must not be. */
class NotificationsIT extends GatewayTest {

    private final Api admin = Api.admin();

    static final String VIRUS = "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: Invoice\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\r\n\r\nSee the file.\r\n--b\r\nContent-Type: application/octet-stream; "
            + "name=\"eicar.com\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getEncoder().encodeToString(ScanningIT.EICAR.getBytes(StandardCharsets.US_ASCII)) + "\r\n--b--\r\n";

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
        admin.delete("/api/v1/templates/hold-notice");
    }

    private void settings(String adminAddress, boolean senderOnVirus) {
        String body = admin.get("/api/v1/settings").json().toString();
        body = body.replaceFirst("\"senderOnVirus\":(true|false)", "\"senderOnVirus\":" + senderOnVirus)
                .replaceFirst("^\\{", "{\"adminAddress\":\"" + adminAddress + "\",");
        admin.expect(200, admin.put("/api/v1/settings", body));
    }

    /** The header field's value in a notification, unfolded. */
    private static String field(String message, String name) {
        Matcher m = Pattern.compile("\r\n" + name + ": ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)").matcher("\r\n" + message);
        assertTrue(m.find(), name + " not in " + message);
        return m.group(1).replaceAll("\r\n[ \t]", " ");
    }

    private static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    private static double handled() {
        return TrackingIT.notificationsHandled();
    }

    /** Waits until the notifications of {@code n} messages more than {@code before} are all dealt with. */
    private static void awaitHandled(double before, int n) {
        Gateway.await(() -> handled() == before + n, Duration.ofSeconds(10));
    }

    @Test
    void theAdminHearsOfAVirusFromMailerDaemonWithTheNullSender() throws Exception {
        settings("security@example.com", false);
        double before = handled();
        assertEquals("550 5.7.1 Message refused: virus found", Gateway.send("ann@example.org", "bob@example.com", VIRUS));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        TestDownstream.Delivery n = downstream.deliveries.get(0);
        assertEquals("", n.sender());
        assertEquals(List.of("security@example.com"), n.recipients());
        String text = n.text();
        assertEquals("Mail Delivery System <MAILER-DAEMON@gateway.test>", field(text, "From"));
        assertEquals("security@example.com", field(text, "To"));
        assertEquals("Virus found: Eicar-Test-Signature in a message from ann@example.org", field(text, "Subject"));
        assertEquals("auto-generated", field(text, "Auto-Submitted"));
        String queueId = body(text).lines().filter(l -> l.startsWith("Queue id:")).findFirst().orElseThrow()
                .substring(12);
        assertEquals("The mail gateway gateway.test refused a message because it contains a virus.\r\n\r\n"
                + "Queue id:   " + queueId + "\r\nSender:     ann@example.org\r\nRecipients: bob@example.com\r\n"
                + "Subject:    Invoice\r\nVirus:      Eicar-Test-Signature\r\nPolicy:     Default\r\n"
                + "Action:     rejected\r\n", body(text));
        // the sender is not told: virus senders are forged (no backscatter) unless the settings say so
        awaitHandled(before, 1);
        assertEquals(1, downstream.deliveries.size());
    }

    @Test
    void aVirusFromAnOutsideUnauthenticatedClientTellsTheAdminAndNeverTheSenderUnderTheDefaultPolicy()
            throws Exception {
        // the shipped default policy has no action that writes to a sender ...
        JsonObject defaultPolicy = admin.get("/api/v1/policies").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getBoolean("isDefault")).findFirst().orElseThrow();
        assertFalse(defaultPolicy.toString().contains("\"SENDER\""), defaultPolicy.toString());
        // ... and allowing virus notices to senders adds none: only a NOTIFY action for SENDER would
        settings("security@example.com", true);
        double before = handled();
        assertEquals("550 5.7.1 Message refused: virus found", Gateway.send("ann@example.org", "bob@example.com", VIRUS));
        awaitHandled(before, 1);
        assertEquals(1, downstream.deliveries.size());
        assertEquals(List.of("security@example.com"), downstream.deliveries.get(0).recipients());
        assertEquals("", downstream.deliveries.get(0).sender());
    }

    @Test
    void senderNotificationsGoOnlyWhereAllowedAndNeverToNullOrPostmaster() throws Exception {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Tell\",\"recipients\":[{\"kind\":\"ADDRESS\","
                + "\"value\":\"bob@example.com\"}],\"rules\":[{\"name\":\"virus\",\"filter\":{\"type\":\"VIRUS\"},"
                + "\"actions\":[{\"type\":\"REJECT\"},{\"type\":\"NOTIFY\",\"target\":\"SENDER\"}]}]}"));
        double before = handled();
        Gateway.send("ann@example.org", "bob@example.com", VIRUS);
        Gateway.send("", "bob@example.com", VIRUS);
        Gateway.send("postmaster@example.org", "bob@example.com", VIRUS);
        awaitHandled(before, 3);
        assertEquals(0, downstream.deliveries.size());

        settings("security@example.com", true);
        Gateway.send("", "bob@example.com", VIRUS);
        Gateway.send("Postmaster@example.org", "bob@example.com", VIRUS);
        Gateway.send("\"postmaster\"@example.org", "bob@example.com", VIRUS);
        Gateway.send("MAILER-DAEMON@example.org", "bob@example.com", VIRUS);
        Gateway.send("\"Mailer-Daemon\"@EXAMPLE.org", "bob@example.com", VIRUS);
        Gateway.send("ann@example.org", "bob@example.com", VIRUS);
        awaitHandled(before, 9);
        assertEquals(1, downstream.deliveries.size());
        TestDownstream.Delivery n = downstream.deliveries.get(0);
        assertEquals("", n.sender());
        assertEquals(List.of("ann@example.org"), n.recipients());
        assertEquals("Your message was not delivered: it contains a virus", field(n.text(), "Subject"));
    }

    @Test
    void aTemplateEditedThroughTheApiIsWhatRecipientsGet() throws Exception {
        Api.Result created = admin.expect(200, admin.put("/api/v1/templates/hold-notice", "{\"subject\":"
                + "\"Held: ${subject}\",\"body\":\"${sender} wrote to ${recipients}; ${policy} says ${action} "
                + "(${queueId}, score ${spamScore}, ${unknown}).\\n\"}"));
        assertEquals("{\"name\":\"hold-notice\",\"version\":0,\"subject\":\"Held: ${subject}\",\"body\":\"${sender} "
                + "wrote to ${recipients}; ${policy} says ${action} (${queueId}, score ${spamScore}, ${unknown}).\\n\"}",
                created.body());
        assertEquals(409, admin.put("/api/v1/templates/hold-notice", "{\"subject\":\"x\",\"body\":\"y\"}").status());
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Hold\",\"recipients\":[{\"kind\":\"DOMAIN\","
                + "\"value\":\"example.com\"}],\"rules\":[{\"name\":\"hold\",\"filter\":{\"type\":\"ALWAYS\"},"
                + "\"actions\":[{\"type\":\"QUARANTINE\"},{\"type\":\"NOTIFY\",\"target\":\"RECIPIENTS\","
                + "\"template\":\"hold-notice\"}]}]}"));
        String reply = Gateway.send("ann@example.org", "bob@example.com", QuarantineIT.message("Plans"));
        String queueId = Gateway.queueId(reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        TestDownstream.Delivery n = downstream.deliveries.get(0);
        assertEquals("", n.sender());
        assertEquals(List.of("bob@example.com"), n.recipients());
        assertEquals("Held: Plans", field(n.text(), "Subject"));
        assertEquals("ann@example.org wrote to bob@example.com; Hold says quarantined (" + queueId
                + ", score 0.0, ${unknown}).\r\n", body(n.text()));
        assertEquals(409, admin.delete("/api/v1/templates/digest").status());
        assertEquals(204, admin.delete("/api/v1/templates/hold-notice").status());
    }
}
