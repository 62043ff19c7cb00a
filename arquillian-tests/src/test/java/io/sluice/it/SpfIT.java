package io.sluice.it;

import io.sluice.dns.TestNameServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPF at MAIL over real SMTP, with the SPF records served by a real name server (NSD on loopback)
 * that the gateway is told to ask: each result in the delivered Authentication-Results field and
 * the tracking log, a forged field with the gateway's authserv-id removed, and a policy acting on
 * the result.
 */
class SpfIT extends GatewayTest {

    private static final String CONTENT = "Subject: spf\r\n\r\nhello\r\n";
    private static TestNameServer dns;
    private final Api admin = Api.admin();

    @BeforeAll
    static void startDns() throws IOException {
        dns = TestNameServer.zones().zone("spf.test", """
                pass IN TXT "v=spf1 ip4:127.0.0.12 -all"
                soft IN TXT "v=spf1 ip4:127.0.0.12 ~all"
                neutral IN TXT "v=spf1 ?all"
                norecord IN A 127.0.0.12
                broken IN TXT "v=spf1 ip4:127.0.0.256 -all"
                gone IN TXT "v=spf1 include:outside.example -all"
                """).start();
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    @BeforeEach
    void spfOn() {
        Api.resetConfiguration();
        Api.changeSetting("senderChecks", "dnsServers", Json.createArrayBuilder(List.of(dns.resolverText())).build());
        Api.changeSetting("senderChecks", "spf", jakarta.json.JsonValue.TRUE);
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /** The delivered message's first header field: the gateway's Authentication-Results. */
    private String deliveredAuthResults(int index) {
        Gateway.await(() -> downstream.deliveries.size() > index, Duration.ofSeconds(10));
        String text = downstream.deliveries.get(index).text();
        int received = text.indexOf("Received: ");
        assertTrue(received > 0, text);
        return text.substring(0, received);
    }

    @Test
    void aPassingSenderAndHeloAreStampedAndTracked() throws IOException {
        String reply = Gateway.sendFrom("127.0.0.12", "pass.spf.test", "ann@pass.spf.test", "bob@example.com", CONTENT);
        String queueId = Gateway.queueId(reply);
        assertEquals("Authentication-Results: gateway.test;\r\n\tspf=pass smtp.mailfrom=pass.spf.test;\r\n"
                + "\tspf=pass smtp.helo=pass.spf.test\r\n", deliveredAuthResults(0));
        assertEquals("pass", TrackingIT.tracked(admin, queueId).getString("spf"));
    }

    @Test
    void eachResultAsTheDeliveredFieldAndTheTrackingLogSayIt() throws IOException {
        String[][] cases = {
                {"127.0.0.13", "ann@pass.spf.test", "fail", "pass.spf.test"},
                {"127.0.0.13", "ann@soft.spf.test", "softfail", "soft.spf.test"},
                {"127.0.0.12", "ann@neutral.spf.test", "neutral", "neutral.spf.test"},
                {"127.0.0.12", "ann@norecord.spf.test", "none", "norecord.spf.test"},
                {"127.0.0.12", "ann@broken.spf.test", "permerror", "broken.spf.test"},
                {"127.0.0.12", "ann@gone.spf.test", "temperror", "gone.spf.test"},
                {"127.0.0.12", "", "pass", "pass.spf.test"}, // the null sender: the HELO name's record
        };
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            String queueId = Gateway.queueId(Gateway.sendFrom(c[0], "pass.spf.test", c[1], "bob@example.com", CONTENT));
            String helo = c[0].equals("127.0.0.12") ? "pass" : "fail";
            assertEquals("Authentication-Results: gateway.test;\r\n\tspf=" + c[2] + " smtp.mailfrom=" + c[3] + ";\r\n"
                    + "\tspf=" + helo + " smtp.helo=pass.spf.test\r\n", deliveredAuthResults(i), c[1]);
            assertEquals(c[2], TrackingIT.tracked(admin, queueId).getString("spf"), c[1]);
        }
    }

    @Test
    void aFieldClaimingTheGatewaysIdIsRemovedOthersStay() throws IOException {
        String forged = "Authentication-Results: Gateway.Test; spf=pass smtp.mailfrom=bank.example\r\n"
                + "Authentication-Results: mx.other.example;\r\n\tspf=fail smtp.mailfrom=pass.spf.test\r\n";
        Gateway.queueId(Gateway.sendFrom("127.0.0.12", "norecord.spf.test", "ann@pass.spf.test", "bob@example.com",
                forged + CONTENT));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        String text = downstream.deliveries.get(0).text();
        assertTrue(text.startsWith("Authentication-Results: gateway.test;\r\n\tspf=pass smtp.mailfrom=pass.spf.test;\r\n"
                + "\tspf=none smtp.helo=norecord.spf.test\r\nReceived: "), text);
        assertFalse(text.contains("bank.example"), text);
        assertTrue(text.contains("\r\nAuthentication-Results: mx.other.example;\r\n\tspf=fail smtp.mailfrom=pass.spf.test\r\n"
                + "Subject: spf\r\n\r\nhello\r\n"), text);
    }

    @Test
    void aPolicyRejectsWhatFailsSpf() throws IOException {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"SPF\",\"rules\":[{\"filter\":{\"type\":"
                + "\"SPF\",\"pattern\":\"fail\"},\"actions\":[{\"type\":\"REJECT\","
                + "\"code\":550,\"status\":\"5.7.23\",\"text\":\"SPF validation failed\"}]}]}"));
        assertEquals("550 5.7.23 SPF validation failed",
                Gateway.sendFrom("127.0.0.13", "pass.spf.test", "ann@pass.spf.test", "bob@example.com", CONTENT));
        assertTrue(Gateway.sendFrom("127.0.0.12", "pass.spf.test", "ann@pass.spf.test", "bob@example.com", CONTENT)
                .startsWith("250 2.0.0 Ok: queued as "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
    }

    @Test
    void anSpfFilterWithAWordThatIsNoResultIsRefused() {
        Api.Result r = admin.post("/api/v1/policies", "{\"name\":\"SPF\",\"rules\":[{\"filter\":{\"type\":"
                + "\"SPF\",\"pattern\":\"fail,bad\"},\"actions\":[{\"type\":\"DROP\"}]}]}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("'bad' is no SPF result (pass, fail, softfail, neutral, none, temperror, permerror)"),
                r.body());
    }

    @Test
    void theSettingsShowTheResolvers() {
        JsonObject s = admin.get("/api/v1/settings").json().getJsonObject("senderChecks");
        assertEquals("{\"dnsServers\":[\"" + dns.resolverText() + "\"],\"dnsTimeoutMillis\":3000,\"spf\":true,"
                + "\"dnsLists\":[],\"greylisting\":false,\"greylistDelaySeconds\":300,\"greylistWindowSeconds\":14400,"
                + "\"greylistAllowSeconds\":3110400,\"greylistExempt\":[],\"greylistExemptSpfPass\":true,\"dkim\":false,\"dmarc\":false,\"arcSeal\":\"OFF\",\"arcSealDomain\":\"\"}", s.toString());
        Api.Result bad = admin.put("/api/v1/settings", admin.get("/api/v1/settings").json().toString()
                .replace(dns.resolverText(), "resolver.example"));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("senderChecks.dnsServers[0]") && bad.body().contains("not an IP address: resolver.example"),
                bad.body());
    }
}
