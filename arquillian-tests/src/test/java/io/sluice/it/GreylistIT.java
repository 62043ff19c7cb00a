package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Greylisting over real SMTP with a short delay: the first attempt and an early retry are
 * deferred with the exact reply, the retry after the delay passes and is delivered, a passed
 * triplet and (then) its client network pass at once, and an exempt sender domain is never deferred.
 */
class GreylistIT extends GatewayTest {

    private static final String DEFERRED = "451 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted, try again later";
    private static final String CONTENT = "Subject: grey\r\n\r\nhello\r\n";
    /** Every run its own senders: the state is in the server's database, which outlives a run. */
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void greylistingOn() {
        Api.resetConfiguration();
        Api.changeSetting("senderChecks", "greylisting", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "greylistDelaySeconds", Json.createValue(2));
        Api.changeSetting("senderChecks", "greylistAllowSeconds", Json.createValue(0));
        Api.changeSetting("senderChecks", "greylistExempt",
                Json.createArrayBuilder(List.of("friends.example", "198.51.100.0/24")).build());
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    private String rcpt(String sender) throws IOException {
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, "127.0.0.21")) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice").ehlo("client.example");
            c.exchange("MAIL FROM:<" + sender + ">", "250 2.1.0 Ok");
            return c.send("RCPT TO:<bob@example.com>").readLine();
        }
    }

    @Test
    void aRetryAfterTheDelayPasses() throws Exception {
        String sender = "ann-" + run + "@example.org";
        assertEquals(DEFERRED, rcpt(sender));
        assertEquals(DEFERRED, rcpt(sender), "a retry within the delay");
        Thread.sleep(2100);
        String reply = Gateway.sendFrom("127.0.0.21", sender, "bob@example.com", CONTENT);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, java.time.Duration.ofSeconds(10));
        assertEquals("250 2.1.5 Ok", rcpt(sender), "the triplet passed before");
        // no automatic allow list (0 s): another sender from the same network is greylisted
        assertEquals(DEFERRED, rcpt("carl-" + run + "@example.org"));
    }

    @Test
    void aClientNetworkThatRetriedPassesForAWhile() throws Exception {
        Api.changeSetting("senderChecks", "greylistAllowSeconds", Json.createValue(3600));
        String sender = "dora-" + run + "@example.org";
        assertEquals(DEFERRED, rcpt(sender));
        Thread.sleep(2100);
        assertEquals("250 2.1.5 Ok", rcpt(sender));
        assertEquals("250 2.1.5 Ok", rcpt("eve-" + run + "@example.org"), "127.0.0.0/24 is on the allow list");
    }

    @Test
    void anExemptSenderDomainIsNeverDeferred() throws Exception {
        assertEquals("250 2.1.5 Ok", rcpt("fay-" + run + "@mail.friends.example"));
        assertEquals(DEFERRED, rcpt("fay-" + run + "@unfriends.example"));
    }

    @Test
    void anExemptionThatIsNeitherNetworkNorDomainIsRefused() {
        Api admin = Api.admin();
        jakarta.json.JsonObject current = admin.get("/api/v1/settings").json();
        String body = Json.createObjectBuilder(current).add("senderChecks", Json.createObjectBuilder()
                .add("greylistExempt", Json.createArrayBuilder(List.of("10.0.0.0/x", "not a domain", "ok.example")))).build()
                .toString();
        Api.Result r = admin.put("/api/v1/settings", body);
        assertEquals(400, r.status(), r.body());
        assertEquals("[{\"field\":\"senderChecks.greylistExempt[0]\",\"message\":\"bad prefix length in 10.0.0.0/x\"},"
                + "{\"field\":\"senderChecks.greylistExempt[1]\",\"message\":\"must be a network (CIDR) or a domain\"}]",
                r.json().getJsonArray("errors").toString());
    }
}
