package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracking log (one row per transaction), its statistics and the Prometheus metrics. */
class TrackingIT extends GatewayTest {

    private final Api admin = Api.admin();

    /** The tracking row of {@code queueId}, waiting for the background writer. */
    static JsonObject tracked(Api admin, String queueId) {
        Gateway.await(() -> admin.get("/api/v1/tracking?queueId=" + queueId).json().getInt("total") == 1,
                Duration.ofSeconds(10));
        return admin.get("/api/v1/tracking?queueId=" + queueId).json().getJsonArray("items").getJsonObject(0);
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    @Test
    void everyTransactionLeavesOneRowWithItsFacts() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String clean = Gateway.queueId(Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN));
        String virusReply = Gateway.send("zed@example.net", "bob@example.com", NotificationsIT.VIRUS);
        assertEquals("550 5.7.1 Message refused: virus found", virusReply);

        JsonObject row = tracked(admin, clean);
        assertEquals("127.0.0.1", row.getString("clientIp"));
        assertEquals("client.example", row.getString("helo"));
        assertEquals(false, row.getBoolean("tls"));
        assertEquals("ann@example.org", row.getString("sender"));
        assertEquals("[\"bob@example.com\"]", row.getJsonArray("recipients").toString());
        assertEquals(ScanningIT.CLEAN.length(), row.getInt("size"));
        assertEquals("clean", row.getString("verdict"));
        assertEquals("Default", row.getString("policy"));
        assertEquals("DELIVERED", row.getString("outcome"));
        assertTrue(row.getString("reply").startsWith("250 2.0.0 Ok: queued as " + clean + " (downstream: "),
                row.getString("reply"));
        assertEquals("250 2.0.0 Ok: queued as D1", row.getString("downstreamReply"));
        assertEquals(0.0, row.getJsonNumber("spamScore").doubleValue());
        assertTrue(row.getJsonNumber("scanMillis").doubleValue() >= 0);
        assertTrue(row.getJsonNumber("relayMillis").doubleValue() > 0);
        assertTrue(row.getJsonNumber("totalMillis").doubleValue() >= row.getJsonNumber("relayMillis").doubleValue());
        assertTrue(!Instant.parse(row.getString("receivedAt")).isBefore(before));
        assertTrue(!Instant.parse(row.getString("relayedAt")).isBefore(Instant.parse(row.getString("decidedAt"))));

        // the writer batches rows: this one may come after the clean message's
        Gateway.await(() -> admin.get("/api/v1/tracking?sender=zed@&outcome=rejected&from=" + before).json()
                .getInt("total") == 1, Duration.ofSeconds(10));
        JsonObject virus = admin.get("/api/v1/tracking?sender=zed@&outcome=rejected&from=" + before).json();
        assertEquals(1, virus.getInt("total"), virus.toString());
        JsonObject v = virus.getJsonArray("items").getJsonObject(0);
        assertEquals("[\"Eicar-Test-Signature\"]", v.getJsonArray("viruses").toString());
        assertEquals("virus", v.getString("verdict"));
        assertEquals("REJECT,NOTIFY", v.getString("actions"));
        assertEquals("550 5.7.1 Message refused: virus found", v.getString("reply"));
        assertTrue(!v.containsKey("relayedAt"));
        assertEquals(1, admin.get("/api/v1/tracking?recipient=BOB@example.com&verdict=virus&from=" + before).json().getInt("total"));
        assertEquals(0, admin.get("/api/v1/tracking?queueId=" + clean + "&outcome=REJECTED").json().getInt("total"));
    }

    /**
     * Regression: RCPT TO:<Bob@dest.test> and RCPT TO:<bob@dest.test> in one transaction made the
     * writer retry a primary-key violation for ever, so nothing after it was tracked.
     */
    @Test
    void recipientsThatDifferOnlyInCaseAreTrackedOnceAndTheNextMessageToo() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String both;
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<Bob@dest.test>", "250 2.1.5 Ok");
            c.exchange("RCPT TO:<bob@dest.test>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>").sendRaw(ScanningIT.CLEAN).sendRaw(".\r\n");
            both = Gateway.queueId(c.readLine());
        }
        String next = Gateway.queueId(Gateway.send("ann@example.org", "carol@example.com", ScanningIT.CLEAN));

        assertEquals("[\"Bob@dest.test\",\"bob@dest.test\"]", tracked(admin, both).getJsonArray("recipients")
                .toString());
        assertEquals("carol@example.com", tracked(admin, next).getJsonArray("recipients").getString(0));
        assertEquals(1, admin.get("/api/v1/tracking?recipient=BOB@dest.test&from=" + before).json().getInt("total"));
        JsonObject stats = admin.get("/api/v1/tracking/statistics?from=" + before + "&until="
                + Instant.now().plusSeconds(1)).json();
        assertTrue(stats.getJsonArray("topRecipients").toString()
                .contains("{\"key\":\"bob@dest.test\",\"messages\":1}"), stats.toString());
    }

    /**
     * Regression: control characters the SMTP engine passes on in HELO (NUL among them, which
     * PostgreSQL refuses in text) are stored replaced, and jam nothing.
     */
    @Test
    void controlCharactersInHeloAreStoredReplacedAndTheNextMessageIsTracked() throws Exception {
        String odd;
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice");
            c.send("HELO client\u0000\u0001\u001b\u007f.example");
            assertTrue(c.readLine().startsWith("250 "));
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>").sendRaw(ScanningIT.CLEAN).sendRaw(".\r\n");
            odd = Gateway.queueId(c.readLine());
        }
        String next = Gateway.queueId(Gateway.send("ann@example.org", "carol@example.com", ScanningIT.CLEAN));

        assertEquals("client\ufffd\ufffd\ufffd\ufffd.example", tracked(admin, odd).getString("helo"));
        assertEquals("client.example", tracked(admin, next).getString("helo"));
    }

    @Test
    void statisticsCountMessagesBytesVerdictsAndTopSendersPerHourAndDay() throws Exception {
        Instant from = Instant.now();
        String a = Gateway.queueId(Gateway.send("top@example.org", "bob@example.com", ScanningIT.CLEAN));
        String b = Gateway.queueId(Gateway.send("top@example.org", "carol@example.com", ScanningIT.CLEAN));
        Gateway.send("zed@example.net", "bob@example.com", NotificationsIT.VIRUS);
        tracked(admin, a);
        tracked(admin, b);
        Gateway.await(() -> admin.get("/api/v1/tracking?from=" + from + "&verdict=virus").json().getInt("total") == 1,
                Duration.ofSeconds(10));
        Instant until = Instant.now().plusSeconds(1);
        JsonObject hourly = admin.expect(200, admin.get("/api/v1/tracking/statistics?per=hour&from=" + from + "&until="
                + until)).json();
        assertEquals("hour", hourly.getString("period"));
        JsonObject totals = hourly.getJsonObject("totals");
        assertEquals(3, totals.getInt("messages"));
        assertEquals(2L * ScanningIT.CLEAN.length() + NotificationsIT.VIRUS.length(), totals.getJsonNumber("bytes")
                .longValue());
        assertEquals("{\"DELIVERED\":2,\"REJECTED\":1}", totals.getJsonObject("byOutcome").toString());
        assertEquals("{\"clean\":2,\"virus\":1}", totals.getJsonObject("byVerdict").toString());
        assertEquals("[{\"key\":\"top@example.org\",\"messages\":2},{\"key\":\"zed@example.net\",\"messages\":1}]",
                hourly.getJsonArray("topSenders").toString());
        assertEquals("[{\"key\":\"bob@example.com\",\"messages\":2},{\"key\":\"carol@example.com\",\"messages\":1}]",
                hourly.getJsonArray("topRecipients").toString());
        assertEquals("[{\"key\":\"Eicar-Test-Signature\",\"messages\":1}]", hourly.getJsonArray("topViruses").toString());
        int buckets = hourly.getJsonArray("buckets").size();
        assertTrue(buckets == 1 || buckets == 2, hourly.toString()); // the run may straddle an hour
        assertEquals(Instant.parse(hourly.getJsonArray("buckets").getJsonObject(0).getString("start")),
                Instant.parse(hourly.getJsonArray("buckets").getJsonObject(0).getString("start"))
                        .truncatedTo(ChronoUnit.HOURS));

        JsonObject daily = admin.get("/api/v1/tracking/statistics?per=day").json();
        assertEquals("day", daily.getString("period"));
        assertTrue(daily.getJsonObject("totals").getInt("messages") >= 3);
        Api.Result bad = admin.get("/api/v1/tracking/statistics?per=week");
        assertEquals(400, bad.status());
        assertEquals("[{\"field\":\"per\",\"message\":\"must be hour or day\"}]", bad.json().getJsonArray("errors")
                .toString());

        Api.Result badChecks = admin.get("/api/v1/tracking?spf=passed&dmarc=reject&listed=maybe");
        assertEquals(400, badChecks.status());
        assertEquals("[{\"field\":\"spf\",\"message\":\"must be one of pass, fail, softfail, neutral, none, temperror, "
                + "permerror\"},{\"field\":\"listed\",\"message\":\"must be true or false\"}]",
                badChecks.json().getJsonArray("errors").toString());
    }

    @Test
    void prometheusScrapesMessageCountersAndStageTimers() throws Exception {
        double before = metric("sluice_messages_total\\{[^}]*outcome=\"DELIVERED\"[^}]*verdict=\"clean\"[^}]*}");
        Gateway.send("ann@example.org", "bob@example.com", ScanningIT.CLEAN);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(before + 1, metric("sluice_messages_total\\{[^}]*outcome=\"DELIVERED\"[^}]*verdict=\"clean\"[^}]*}"));
        assertTrue(metric("sluice_stage_seconds_count\\{[^}]*stage=\"relay\"[^}]*}") >= 1);
    }

    @Test
    void prometheusHasTheTrackingLogsLossCountersFromTheStart() throws Exception {
        assertEquals(0, metric("sluice_tracking_dropped_total\\{[^}]*}"));
        assertTrue(scrape().contains("\nsluice_tracking_dropped_total{"), "no dropped-records counter");
        assertTrue(scrape().contains("\nsluice_tracking_skipped_total{"), "no skipped-records counter");
    }

    /** A value from the Prometheus endpoint of the management interface; 0 when the series is not there yet. */
    /** How many messages have had all their notifications dealt with: nothing more goes out about those. */
    static double notificationsHandled() {
        try {
            return metric("sluice_notification_messages_total\\{[^}]*}");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static double metric(String series) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + (9990 + Integer.getInteger("it.port-offset", 100)) + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
