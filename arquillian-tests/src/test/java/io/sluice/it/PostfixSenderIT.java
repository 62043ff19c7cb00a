package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway with a real Postfix as the sending mail server, as a site's outgoing relay or a
 * sender on the internet meets it: Postfix queues the mail and delivers it to the gateway with its
 * own SMTP client over STARTTLS (required, so a failed handshake shows as deferred mail). Greylisting
 * is tested with the retry a real queue makes: deferred with the exact reply, retried from Postfix's
 * queue after the delay, passed, relayed once, and marked for the GREYLISTED filter and the
 * tracking log.
 */
class PostfixSenderIT extends GatewayTest {

    /** Postfix's log of a delivery the gateway took: its queue id, then the mail server's reply in parentheses. */
    private static final String SENT = "status=sent \\(250 2\\.0\\.0 Ok: queued as ([0-9A-Za-z]+) \\(downstream: 250 ";

    private static final String CLIENT = "127.0.1.1";

    private static PostfixServer postfix;
    private static int port;

    private final Api admin = Api.admin();
    /** Every run its own sender: the greylisting state is in the server's database, which outlives a run. */
    private final String sender = "ann-" + Long.toString(System.nanoTime(), 36) + "@example.org";

    @BeforeAll
    static void startPostfix() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postfix = PostfixServer.on(port)
                .mynetworks("127.0.0.0/8")
                .set("relayhost", "[127.0.0.1]:" + Gateway.SMTP_PORT)
                // a client network of its own (127.0.1.0/24): greylisting's allow list is by network
                .set("smtp_bind_address", CLIENT)
                .set("default_transport", "smtp")
                .set("relay_transport", "smtp")
                .set("smtp_tls_security_level", "encrypt")
                .set("smtp_tls_loglevel", "1")
                // a queue that retries within seconds, so the test need not wait minutes
                .set("queue_run_delay", "1s")
                .set("minimal_backoff_time", "1s")
                .set("maximal_backoff_time", "2s")
                .service("smtp unix - - n - - smtp")
                .service("tlsmgr unix - - n 1000? 1 tlsmgr")
                .start();
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /** Hands a message to Postfix, which queues it for the gateway; returns Postfix's queue id. */
    private String submit(String subject) throws IOException {
        try (Conversation c = new Conversation(port)) {
            c.expect("220 " + PostfixServer.HOSTNAME + " ESMTP Postfix").ehlo("client.example");
            c.exchange("MAIL FROM:<" + sender + ">", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            // complete, so that Postfix adds no header field of its own below ours
            String reply = c.send("From: <" + sender + ">\r\nTo: <bob@example.com>\r\nDate: Mon, 30 Nov 2026 08:00:00 +0000\r\n"
                    + "Message-ID: <" + subject.replace(' ', '-') + "@example.org>\r\nSubject: " + subject
                    + "\r\n\r\nhello from a queue\r\n.").readLine();
            Matcher m = java.util.regex.Pattern.compile("^250 2\\.0\\.0 Ok: queued as ([0-9A-Za-z]+)$").matcher(reply);
            assertTrue(m.find(), reply);
            return m.group(1);
        }
    }

    @Test
    void mailFromPostfixIsRelayedOverStartTls() throws Exception {
        String postfixId = submit("from a queue");
        String queueId = postfix.awaitLog(postfixId + ": .*" + SENT, Duration.ofSeconds(20)).group(1);
        postfix.awaitLog(" TLS connection established to 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:" + Gateway.SMTP_PORT
                + ": TLSv1\\.[23] ");
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertEquals(sender, d.sender());
        assertEquals(List.of("bob@example.com"), d.recipients());
        String text = new String(d.content(), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\nSubject: from a queue\r\n\r\nhello from a queue\r\n"), text);
        JsonObject tracked = TrackingIT.tracked(admin, queueId);
        assertEquals("DELIVERED", tracked.getString("outcome"));
        assertEquals(PostfixServer.HOSTNAME, tracked.getString("helo"));
        assertEquals(CLIENT, tracked.getString("clientIp"));
        assertTrue(tracked.getBoolean("tls"));
        assertNull(tracked.get("greylist"), "greylisting is off");
    }

    @Test
    void aGreylistedMessageComesThroughOnPostfixsRetry() throws Exception {
        Api.changeSetting("senderChecks", "greylisting", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "greylistDelaySeconds", Json.createValue(2));
        // no automatic allow list, so that a run within 36 days of the last still meets greylisting
        Api.changeSetting("senderChecks", "greylistAllowSeconds", Json.createValue(0));
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Greylisted\",\"rules\":[{\"filter\":{\"type\":"
                + "\"GREYLISTED\",\"pattern\":\"passed\"},\"actions\":[{\"type\":\"ADD_HEADER\",\"header\":"
                + "\"X-Greylisted\",\"value\":\"delayed by greylisting\"},{\"type\":\"DELIVER\"}]}]}"));

        String postfixId = submit("greylisted");
        postfix.awaitLog(postfixId + ": .*status=deferred \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: "
                + "451 4\\.7\\.1 <bob@example\\.com>: Recipient address rejected: Greylisted, try again later "
                + "\\(in reply to RCPT TO command\\)\\)");
        assertEquals(0, downstream.deliveries.size(), "nothing relayed while greylisted");
        // Postfix retries on its own within a second or two; a retry before the delay is deferred
        // again. Once the delay has passed, the queue is run now, so the test need not wait for
        // the queue manager's next deferred-queue scan.
        Thread.sleep(2100);
        postfix.flush();
        String queueId = postfix.awaitLog(postfixId + ": .*" + SENT, Duration.ofSeconds(20)).group(1);

        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        String text = new String(downstream.deliveries.get(0).content(), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\nSubject: greylisted\r\nX-Greylisted: delayed by greylisting\r\n\r\n"
                + "hello from a queue\r\n"), text);
        JsonObject tracked = TrackingIT.tracked(admin, queueId);
        assertEquals("passed", tracked.getString("greylist"));
        assertEquals("Greylisted", tracked.getString("policy"));
        // a later message of the same triplet passes at once, as "known", and is not marked
        String second = submit("known");
        String secondId = postfix.awaitLog(second + ": .*" + SENT, Duration.ofSeconds(20)).group(1);
        assertEquals("known", TrackingIT.tracked(admin, secondId).getString("greylist"));
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(10));
        String known = new String(downstream.deliveries.get(1).content(), StandardCharsets.UTF_8);
        assertTrue(known.endsWith("\r\nSubject: known\r\n\r\nhello from a queue\r\n") && !known.contains("X-Greylisted"), known);
    }
}
