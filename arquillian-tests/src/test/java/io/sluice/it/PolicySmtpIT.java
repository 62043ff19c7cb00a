package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policies seen from SMTP: one policy per transaction, changes taking effect at once, rule actions. */
class PolicySmtpIT extends GatewayTest {

    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /** A policy for one recipient that marks what it lets through with "X-Policy: name". */
    private long markingPolicy(String name, String recipient) {
        return admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"" + name + "\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"" + recipient + "\"}],\"rules\":[{\"name\":\"mark\",\"filter\":{\"type\":"
                + "\"ALWAYS\"},\"actions\":[{\"type\":\"ADD_HEADER\",\"header\":\"X-Policy\",\"value\":\"" + name
                + "\"}]}]}")).json().getJsonNumber("id").longValue();
    }

    private static String policyHeader(TestDownstream.Delivery d) {
        String text = d.text();
        int at = text.indexOf("\r\nX-Policy: ");
        return at < 0 ? null : text.substring(at + 12, text.indexOf("\r\n", at + 12));
    }

    @Test
    void twoRecipientsUnderDifferentPoliciesArriveInTwoTransactionsEachWithItsOwnPolicy() throws Exception {
        markingPolicy("Executives", "ceo@example.com");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(Gateway.SMTP_PORT));
        props.put("mail.smtp.sendpartial", "true");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom("alice@outside.org");
        message.setRecipients(Message.RecipientType.TO, "bob@example.com, ceo@example.com");
        message.setSubject("Quarterly numbers");
        message.setText("See attached.\r\n");
        message.saveChanges();

        // Jakarta Mail sends what was accepted and reports the recipient refused with 452 ...
        SendFailedException partial = assertThrows(SendFailedException.class, () -> Transport.send(message));
        assertEquals(List.of("ceo@example.com"), Arrays.stream(partial.getValidUnsentAddresses())
                .map(Address::toString).toList());
        SMTPAddressFailedException refused = (SMTPAddressFailedException) partial.getNextException();
        assertEquals(452, refused.getReturnCode());
        assertEquals("452 4.5.3 Error: <ceo@example.com> is under another policy; send to it in a new transaction",
                refused.getMessage().trim());
        // ... and, like any client, sends to that recipient in a new transaction
        Transport.send(message, partial.getValidUnsentAddresses());

        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        TestDownstream.Delivery first = downstream.deliveries.get(0);
        TestDownstream.Delivery second = downstream.deliveries.get(1);
        assertEquals(List.of("bob@example.com"), first.recipients());
        assertEquals(null, policyHeader(first), "the default policy adds nothing");
        assertEquals(List.of("ceo@example.com"), second.recipients());
        assertEquals("Executives", policyHeader(second));
    }

    @Test
    void aPolicyChangeTakesEffectOnTheNextTransaction() throws IOException {
        String content = "Subject: t\r\n\r\nbody\r\n";
        assertTrue(Gateway.send("a@outside.org", "dave@example.com", content).startsWith("250 2.0.0 Ok: queued as "));
        long id = markingPolicy("Dave", "dave@example.com");
        assertTrue(Gateway.send("a@outside.org", "dave@example.com", content).startsWith("250 2.0.0 Ok: queued as "));
        JsonObject p = admin.get("/api/v1/policies/" + id).json();
        admin.expect(200, admin.put("/api/v1/policies/" + id, p.toString().replace("\"enabled\":true",
                "\"enabled\":false")));
        assertTrue(Gateway.send("a@outside.org", "dave@example.com", content).startsWith("250 2.0.0 Ok: queued as "));

        Gateway.await(() -> downstream.deliveries.size() == 3, Duration.ofSeconds(5));
        assertEquals(null, policyHeader(downstream.deliveries.get(0)));
        assertEquals("Dave", policyHeader(downstream.deliveries.get(1)));
        assertEquals(null, policyHeader(downstream.deliveries.get(2)));
        // the added field goes into the message's own header, after the gateway's trace fields
        String text = downstream.deliveries.get(1).text();
        assertEquals("Subject: t\r\nX-Policy: Dave\r\n\r\nbody\r\n", text.substring(text.indexOf("Subject: t")));
    }

    @Test
    void aRejectActionRefusesWithThePolicysReplyAndNothingIsDelivered() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"No invoices\",\"rules\":[{\"filter\":{\"type\":"
                + "\"SUBJECT\",\"pattern\":\"invoice\",\"caseInsensitive\":true},\"actions\":[{\"type\":\"REJECT\","
                + "\"code\":554,\"status\":\"5.7.1\",\"text\":\"No invoices here, ask accounts@example.com\"}]}]}"));
        assertEquals("554 5.7.1 No invoices here, ask accounts@example.com",
                Gateway.send("a@outside.org", "bob@example.com", "Subject: Your INVOICE\r\n\r\npay\r\n"));
        assertTrue(Gateway.send("a@outside.org", "bob@example.com", "Subject: lunch?\r\n\r\nx\r\n")
                .startsWith("250 2.0.0 Ok: queued as "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertTrue(downstream.deliveries.get(0).text().contains("Subject: lunch?"));
    }

    @Test
    void dropAnswers250AndDeliversNothingWhileRedirectChangesTheRecipient() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Blackhole\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"old@example.com\"}],\"rules\":[{\"filter\":{\"type\":\"ALWAYS\"},\"actions\":"
                + "[{\"type\":\"DROP\"}]}]}"));
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Moved\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"left@example.com\"}],\"rules\":[{\"filter\":{\"type\":\"ALWAYS\"},\"actions\":"
                + "[{\"type\":\"REDIRECT\",\"address\":\"successor@example.com\"}]}]}"));
        String dropped = Gateway.send("a@outside.org", "old@example.com", "Subject: x\r\n\r\nx\r\n");
        assertTrue(dropped.matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}"), dropped);
        assertTrue(Gateway.send("a@outside.org", "left@example.com", "Subject: y\r\n\r\ny\r\n")
                .startsWith("250 2.0.0 Ok: queued as "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("successor@example.com"), downstream.deliveries.get(0).recipients());
        assertFalse(downstream.deliveries.stream().anyMatch(d -> d.recipients().contains("old@example.com")));
    }

    /**
     * The direction comes from the client's network: an outside client that writes an internal
     * domain into MAIL FROM gets the inbound policy, a client inside an internal network the
     * outbound one, and the policy explanation agrees.
     */
    @Test
    void theClientsNetworkNotTheSenderDomainMakesMailOutbound() throws IOException {
        admin.expect(201, admin.post("/api/v1/internal-domains", "{\"name\":\"example.com\"}"));
        Api.internalNetworks("127.0.0.3/32");
        for (String direction : List.of("OUTBOUND", "INBOUND")) {
            admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"" + direction + "\",\"direction\":\""
                    + direction + "\",\"rules\":[{\"name\":\"mark\",\"filter\":{\"type\":\"ALWAYS\"},\"actions\":"
                    + "[{\"type\":\"ADD_HEADER\",\"header\":\"X-Policy\",\"value\":\"" + direction + "\"}]}]}"));
        }
        String content = "Subject: figures\r\n\r\nsee attached\r\n";
        String outside = "127.0.0.4";
        String inside = "127.0.0.3";
        assertTrue(Gateway.sendFrom(outside, "ceo@example.com", "partner@example.net", content)
                .startsWith("250 2.0.0 Ok: queued as "));
        assertTrue(Gateway.sendFrom(inside, "ceo@example.com", "partner@example.net", content)
                .startsWith("250 2.0.0 Ok: queued as "));
        assertTrue(Gateway.sendFrom(inside, "someone@outside.org", "partner@example.net", content)
                .startsWith("250 2.0.0 Ok: queued as "));

        Gateway.await(() -> downstream.deliveries.size() == 3, Duration.ofSeconds(5));
        assertEquals("INBOUND", policyHeader(downstream.deliveries.get(0)));
        assertEquals("OUTBOUND", policyHeader(downstream.deliveries.get(1)));
        assertEquals("OUTBOUND", policyHeader(downstream.deliveries.get(2)));
        for (String client : List.of(outside, inside)) {
            JsonObject why = admin.get("/api/v1/policies/resolve?sender=ceo@example.com&recipient=partner@example.net"
                    + "&client=" + client).json();
            assertEquals(client.equals(inside), why.getBoolean("outbound"), why.toString());
            assertEquals(client.equals(inside) ? "OUTBOUND" : "INBOUND",
                    why.getJsonObject("policy").getString("name"));
        }
    }

    @Test
    void recipientsUnderTheSamePolicyShareATransaction() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Team\",\"recipients\":[{\"kind\":"
                + "\"DOMAIN\",\"value\":\"team.example.com\"}]}"));
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@outside.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<x@team.example.com>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<y@team.example.com>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<z@example.com>", "452 4.5.3 Error: <z@example.com> is under another policy; "
                            + "send to it in a new transaction")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: team\r\n\r\nhi\r\n.\r\n");
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("x@team.example.com", "y@team.example.com"), downstream.deliveries.get(0).recipients());
    }

    @Test
    void aPolicyForAnAddressCatchesItInAnySpellingOverSmtp() throws IOException {
        markingPolicy("Board", "ceo@corp.example");
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@outside.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<\"ceo\"@CORP.example>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<\"C\\EO\"@corp.EXAMPLE>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<bob@corp.example>", "452 4.5.3 Error: <bob@corp.example> is under another "
                            + "policy; send to it in a new transaction")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: board\r\n\r\nhi\r\n.\r\n");
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertEquals("Board", policyHeader(d));
        // the policy compares canonical forms; the mail server gets the addresses as the client wrote them
        assertEquals(List.of("\"ceo\"@CORP.example", "\"C\\EO\"@corp.EXAMPLE"), d.recipients());
    }

    @Test
    void theApiTakesEverySpellingThatHasACanonicalFormAndNamesTheFieldOfOneThatHasNone() {
        admin.expect(201, admin.post("/api/v1/groups", "{\"name\":\"board\",\"members\":[\"\\\"CFO\\\"@CORP.example.\","
                + "\"ｂüｃｈｅｒ．example\",\"ops@[IPv6:2001:DB8:0::1]\"]}"));
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Board\",\"recipients\":[{\"kind\":\"GROUP\","
                + "\"value\":\"board\"}],\"recipientExceptions\":[{\"kind\":\"ADDRESS\",\"value\":"
                + "\"Assistant@Bücher.Example.\"}]}"));
        assertEquals("Board", resolved("cfo@corp.example"));
        assertEquals("Board", resolved("anyone@xn--bcher-kva.example"));
        assertEquals("Board", resolved("ops@[ipv6:2001:db8::1]"));
        assertEquals("Default", resolved("\"assistant\"@XN--BCHER-KVA.example"));

        Api.Result refused = admin.post("/api/v1/policies", "{\"name\":\"Bad\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"ceo@exa_mple.com\"},{\"kind\":\"DOMAIN\",\"value\":\"-x.example\"},"
                + "{\"kind\":\"ADDRESS\",\"value\":\"ceo@[IPv6:1:2]\"}]}");
        assertEquals(400, refused.status());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("[{\"field\":\"recipients[0].value\",\"message\":\"is not an e-mail address\"},"
                + "{\"field\":\"recipients[1].value\",\"message\":\"is not a domain name\"},"
                + "{\"field\":\"recipients[2].value\",\"message\":\"is not an e-mail address\"}]",
                refused.json().getJsonArray("errors").toString());
        Api.Result badMember = admin.post("/api/v1/groups", "{\"name\":\"bad\",\"members\":[\"x@ok.example\","
                + "\"x@[192.0.2.300]\"]}");
        assertEquals(400, badMember.status());
        assertEquals("[{\"field\":\"members[1]\",\"message\":\"must be an address, a domain, or *. and a domain\"}]",
                badMember.json().getJsonArray("errors").toString());
    }

    private String resolved(String recipient) {
        return admin.get("/api/v1/policies/resolve?sender=a@outside.org&recipient="
                + URLEncoder.encode(recipient, StandardCharsets.UTF_8)).json().getJsonObject("policy").getString("name");
    }
}
