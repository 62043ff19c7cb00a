package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway with real engines selected through the settings API: ClamAV clamd, SpamAssassin
 * spamd and Rspamd, as .ci/engines/start-engines.sh starts them on loopback (SLUICE_IT_CLAMD,
 * SLUICE_IT_SPAMD, SLUICE_IT_RSPAMD), and what happens when an engine is down.
 */
class ExternalEnginesIT extends GatewayTest {

    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    private void settings(String virus, String virusFailure, String clamd, String spam, String spamFailure,
                          String spamd, String rspamd) {
        JsonObject current = admin.get("/api/v1/settings").json();
        admin.expect(200, admin.put("/api/v1/settings", "{\"version\":" + current.getJsonNumber("version")
                + ",\"headerPrefix\":\"X-\",\"virus\":{\"engines\":\"" + virus + "\",\"onFailure\":\"" + virusFailure
                + "\",\"clamdAddress\":\"" + clamd + "\",\"clamdStreamMaxBytes\":26214400},\"spam\":{\"engine\":\"" + spam
                + "\",\"onFailure\":\"" + spamFailure + "\",\"spamdAddress\":\"" + spamd + "\",\"rspamdAddress\":\""
                + rspamd + "\",\"bayesMinSpam\":200,\"bayesMinHam\":200},\"scanning\":{\"engineTimeoutMillis\":30000,"
                + "\"maxDepth\":16,\"maxParts\":1000,\"maxExpandedBytes\":268435456,\"maxRatio\":100}}"));
    }

    private static String eicarInZip() throws IOException {
        return ScanningIT.withAttachment("files.zip", ScanningIT.zip("eicar.com",
                ScanningIT.EICAR.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A policy that tags spam from 5 points (the default quarantines from 15). */
    private void tagOnly() {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Tag only\",\"rules\":[{\"filter\":{\"type\":"
                + "\"SPAM_SCORE\",\"threshold\":5},\"actions\":[{\"type\":\"TAG_SUBJECT\",\"text\":\"[SPAM] \"}]}]}"));
    }

    private static final String GTUBE_MESSAGE = "From: x@example.net\r\nTo: bob@example.com\r\nSubject: offer\r\n"
            + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gtube-ext@example.net>\r\n\r\n" + ScanningIT.GTUBE + "\r\n";

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_CLAMD", matches = ".+")
    void clamdAloneFindsEicarInAZip() throws IOException {
        settings("CLAMD", "TEMPFAIL", System.getenv("SLUICE_IT_CLAMD"), "EMBEDDED", "TEMPFAIL", "127.0.0.1:783",
                "127.0.0.1:11333");
        assertEquals("550 5.7.1 Message refused: virus found", Gateway.send("a@example.org", "bob@example.com",
                eicarInZip()));
        assertTrue(Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals("ClamAV clamd", TraceHeader.split(downstream.deliveries.get(0).content()).verdict()
                .get("X-Virus-Scanned"));
    }

    @Test
    void aDeadClamdDefersOrIsNotedAsTheSettingsSay() throws IOException {
        settings("BOTH", "TEMPFAIL", "127.0.0.1:1", "EMBEDDED", "TEMPFAIL", "127.0.0.1:783", "127.0.0.1:11333");
        assertEquals("451 4.3.0 Error: the message could not be scanned now, try again later",
                Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN));
        settings("BOTH", "PASS", "127.0.0.1:1", "EMBEDDED", "TEMPFAIL", "127.0.0.1:783", "127.0.0.1:11333");
        assertTrue(Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals("Sluice embedded engine; not scanned by 127.0.0.1:1: Connection refused",
                TraceHeader.split(downstream.deliveries.get(0).content()).verdict().get("X-Virus-Scanned"));
        // the embedded engine still stops EICAR when clamd is away
        assertEquals("550 5.7.1 Message refused: virus found", Gateway.send("a@example.org", "bob@example.com",
                eicarInZip()));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_SPAMD", matches = ".+")
    void spamdScoresGtube() throws IOException {
        tagOnly();
        settings("EMBEDDED", "TEMPFAIL", "127.0.0.1:3310", "SPAMD", "TEMPFAIL", System.getenv("SLUICE_IT_SPAMD"),
                "127.0.0.1:11333");
        assertTrue(Gateway.send("x@example.net", "bob@example.com", GTUBE_MESSAGE).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertTrue(t.verdict().get("X-Spam-Status").startsWith("Yes, score=100"), t.verdict().toString());
        assertTrue(t.verdict().get("X-Spam-Status").contains("GTUBE"), t.verdict().toString());
        assertTrue(t.verdict().get("X-Spam-Status").endsWith("engine=spamd"), t.verdict().toString());
        assertTrue(new String(t.rest(), StandardCharsets.US_ASCII).contains("Subject: [SPAM] offer\r\n"));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_RSPAMD", matches = ".+")
    void rspamdScoresGtube() throws IOException {
        tagOnly();
        settings("EMBEDDED", "TEMPFAIL", "127.0.0.1:3310", "RSPAMD", "TEMPFAIL", "127.0.0.1:783",
                System.getenv("SLUICE_IT_RSPAMD"));
        assertTrue(Gateway.send("x@example.net", "bob@example.com", GTUBE_MESSAGE).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertTrue(t.verdict().get("X-Spam-Status").contains("GTUBE"), t.verdict().toString());
        assertTrue(t.verdict().get("X-Spam-Status").endsWith("engine=rspamd"), t.verdict().toString());
    }

    @Test
    void aDeadSpamEngineDefersOrPasses() throws IOException {
        settings("EMBEDDED", "TEMPFAIL", "127.0.0.1:3310", "SPAMD", "TEMPFAIL", "127.0.0.1:1", "127.0.0.1:11333");
        assertEquals("451 4.3.0 Error: the message could not be scanned now, try again later",
                Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN));
        settings("EMBEDDED", "TEMPFAIL", "127.0.0.1:3310", "SPAMD", "PASS", "127.0.0.1:1", "127.0.0.1:11333");
        assertTrue(Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN).startsWith("250 2.0.0 Ok"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        assertEquals(null, t.verdict().get("X-Spam-Score"));
        assertEquals("Sluice embedded engine; not scanned by 127.0.0.1:1: Connection refused",
                t.verdict().get("X-Virus-Scanned"));
    }
}
