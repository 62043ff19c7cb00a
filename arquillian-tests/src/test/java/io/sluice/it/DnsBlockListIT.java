package io.sluice.it;

import io.sluice.dns.TestNameServer;
import io.sluice.smtp.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS block lists over real SMTP, the lists served by a real name server (NSD on loopback): an IP
 * list that refuses at connect, a domain list that refuses the sender's domain and the HELO name at
 * MAIL, lists that add their weight to the spam score (the client, a URL in the body), the tracking
 * row, and a policy acting on a listing.
 */
class DnsBlockListIT extends GatewayTest {

    private static final String LISTS = """
            [{"zone":"zen.test","kind":"IP","returnCodes":"127.0.0.2,127.0.0.3","reject":true,"weight":0.0},
             {"zone":"score.test","kind":"IP","returnCodes":"","reject":false,"weight":2.5},
             {"zone":"dbl.test","kind":"DOMAIN","returnCodes":"127.0.1.2","reject":true,"weight":0.0},
             {"zone":"uribl.test","kind":"DOMAIN","returnCodes":"","reject":false,"weight":1.5}]""";
    private static final String CONTENT = "Subject: offer\r\n\r\nSee http://spam.example/buy now\r\n";
    private static TestNameServer dns;
    private final Api admin = Api.admin();

    @BeforeAll
    static void startDns() throws IOException {
        dns = TestNameServer.zones()
                .zone("zen.test", """
                        14.0.0.127 IN A 127.0.0.2
                        15.0.0.127 IN A 127.0.0.4
                        """)
                .zone("score.test", "15.0.0.127 IN A 127.0.0.2\n16.0.0.127 IN A 127.255.255.254\n")
                .zone("dbl.test", "bad.example IN A 127.0.1.2\nodd.example IN A 127.0.1.9\n")
                .zone("uribl.test", "spam.example IN A 127.0.0.2\n")
                .start();
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    @BeforeEach
    void lists() {
        Api.resetConfiguration();
        Api.changeSetting("senderChecks", "dnsServers", Json.createArrayBuilder(List.of(dns.resolverText())).build());
        Api.changeSetting("senderChecks", "dnsLists", Json.createReader(new StringReader(LISTS)).readArray());
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    @Test
    void theListsAsTheSettingsShowThem() {
        JsonArray shown = admin.get("/api/v1/settings").json().getJsonObject("senderChecks").getJsonArray("dnsLists");
        assertEquals(Json.createReader(new StringReader(LISTS)).readArray(), shown);
    }

    @Test
    void aClientOnARefusingIpListIsRefusedBeforeTheGreeting() throws IOException {
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, "127.0.0.14")) {
            c.expect("554 5.7.1 Service unavailable; client [127.0.0.14] blocked using zen.test");
            c.expectClosed();
        }
        // 127.0.0.15 is on zen.test too, but with a return code that does not count
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, "127.0.0.15")) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice");
        }
    }

    @Test
    void aListedSenderDomainOrHeloIsRefusedAtMail() throws IOException {
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, "127.0.0.16")) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice").ehlo("client.example");
            c.exchange("MAIL FROM:<ann@Bad.Example>", "550 5.7.1 <ann@Bad.Example>: Sender address rejected: bad.example blocked using dbl.test");
            c.exchange("MAIL FROM:<ann@odd.example>", "250 2.1.0 Ok"); // listed, but not with a code that counts
        }
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, "127.0.0.16")) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice").ehlo("bad.example");
            c.exchange("MAIL FROM:<ann@good.example>", "550 5.7.1 <bad.example>: Helo command rejected: Host blocked using dbl.test");
        }
    }

    @Test
    void scoringListsAddTheirWeightAndAreTracked() throws IOException {
        Api.changeSetting("senderChecks", "dnsLists", Json.createArrayBuilder().build());
        JsonObject unlisted = TrackingIT.tracked(admin, Gateway.queueId(
                Gateway.sendFrom("127.0.0.15", "client.example", "ann@good.example", "bob@example.com", CONTENT)));
        Api.changeSetting("senderChecks", "dnsLists", Json.createReader(new StringReader(LISTS)).readArray());
        JsonObject listed = TrackingIT.tracked(admin, Gateway.queueId(
                Gateway.sendFrom("127.0.0.15", "client.example", "ann@good.example", "bob@example.com", CONTENT)));
        assertEquals(unlisted.getJsonNumber("spamScore").doubleValue() + 4.0, listed.getJsonNumber("spamScore").doubleValue(),
                1e-9, listed.toString());
        assertEquals("score.test client 127.0.0.15=127.0.0.2; uribl.test url spam.example=127.0.0.2",
                listed.getString("dnsbl"));
        assertTrue(listed.getString("spamSymbols").contains("DNSBL_SCORE_TEST")
                && listed.getString("spamSymbols").contains("DNSBL_URIBL_TEST"), listed.toString());
        assertTrue(!unlisted.containsKey("dnsbl"), unlisted.toString());
        // an error answer of a list (127.255.255.0/24) lists nothing
        JsonObject error = TrackingIT.tracked(admin, Gateway.queueId(
                Gateway.sendFrom("127.0.0.16", "client.example", "ann@good.example", "bob@example.com",
                        "Subject: plain\r\n\r\nhello\r\n")));
        assertTrue(!error.containsKey("dnsbl"), error.toString());
    }

    @Test
    void aPolicyActsOnAListing() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"URIBL\",\"rules\":[{\"filter\":{\"type\":"
                + "\"DNSBL\",\"pattern\":\"uribl.test\"},\"actions\":[{\"type\":\"REJECT\","
                + "\"code\":550,\"status\":\"5.7.1\",\"text\":\"A link in the message is on a block list\"}]}]}"));
        assertEquals("550 5.7.1 A link in the message is on a block list",
                Gateway.sendFrom("127.0.0.16", "client.example", "ann@good.example", "bob@example.com", CONTENT));
        assertTrue(Gateway.sendFrom("127.0.0.16", "client.example", "ann@good.example", "bob@example.com",
                "Subject: plain\r\n\r\nhello http://fine.example/\r\n").startsWith("250 2.0.0 Ok: queued as "));
    }

    @Test
    void aListWithABadZoneOrReturnCodeIsRefused() {
        Api.Result r = admin.put("/api/v1/settings", Json.createObjectBuilder(admin.get("/api/v1/settings").json())
                .add("senderChecks", Json.createObjectBuilder().add("dnsLists", Json.createReader(new StringReader(
                        "[{\"zone\":\"not a zone\",\"kind\":\"IP\",\"returnCodes\":\"127.0.0.x\"}]")).readArray()))
                .build().toString());
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("must be a DNS zone, e.g. zen.spamhaus.org")
                && r.body().contains("must be IPv4 addresses separated by commas"), r.body());
    }
}
