package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quarantine: stored before 250, searched, looked at safely, released exactly once (also when
 * the mail server or the gateway fails in the middle), purged, digested.
 */
class QuarantineIT extends GatewayTest {

    private final Api admin = Api.admin();

    @ArquillianResource
    ManagementClient management;

    static String message(String subject) {
        return "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n"
                + "Date: Sun, 29 Nov 2026 08:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '-')
                + "@example.org>\r\n\r\nPlease find the offer below.\r\n";
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
        admin.expect(200, admin.post("/api/v1/quarantine/delete", null));
    }

    @BeforeEach
    void holdEverything() {
        reset();
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Hold\",\"recipients\":[{\"kind\":\"DOMAIN\","
                + "\"value\":\"example.com\"}],\"rules\":[{\"name\":\"hold\",\"filter\":{\"type\":\"ALWAYS\"},"
                + "\"actions\":[{\"type\":\"QUARANTINE\"}]}]}"));
    }

    private String quarantine(String from, String to, String content) throws IOException {
        return Gateway.sendKept(from, to, content);
    }

    @Test
    void releaseDeliversExactlyOnceEvenWhenAskedTwiceAtTheSameTime() throws Exception {
        String content = message("Offer");
        String queueId = quarantine("ann@example.org", "bob@example.com", content);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Api.Result> release = () -> {
            start.await();
            return admin.post("/api/v1/quarantine/" + queueId + "/release", null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Api.Result> a = pool.submit(release);
            Future<Api.Result> b = pool.submit(release);
            start.countDown();
            List<Integer> statuses = List.of(a.get().status(), b.get().status()).stream().sorted().toList();
            assertEquals(List.of(200, 409), statuses, a.get().body() + " / " + b.get().body());
        } finally {
            pool.shutdown();
        }
        JsonObject released = assertReleasedOnce(downstream, queueId, "ann@example.org", content);
        assertTrue(released.getString("releaseReply").startsWith("250 2.0.0 Ok: queued as D1"), released.toString());
        Api.Result again = admin.post("/api/v1/quarantine/" + queueId + "/release", null);
        assertEquals(409, again.status());
        assertEquals("quarantined message " + queueId + " is released already", again.json().getString("detail"));
    }

    @Test
    void aReleaseTheDownstreamCannotTakeLeavesTheMessageHeld() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Offer"));
        downstream.close();
        Api.Result r = admin.post("/api/v1/quarantine/" + queueId + "/release", null);
        assertEquals(503, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("HELD", admin.get("/api/v1/quarantine/" + queueId).json().getString("state"));
    }

    private Api.Result release(String queueId, String query) {
        return admin.post("/api/v1/quarantine/" + queueId + "/release" + query, null);
    }

    private String state(String queueId) {
        return admin.get("/api/v1/quarantine/" + queueId).json().getString("state");
    }

    @Test
    void aReleaseRefusedBeforeTheMessageWentOutIsHeldAgainAndReleasedLater() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Offer"));
        downstream.closeOnNextMail = "421 4.3.2 Service shutting down";
        Api.Result r = release(queueId, "");
        assertEquals(503, r.status(), r.body());
        assertEquals("HELD", state(queueId));
        assertEquals(0, downstream.deliveries.size());
        admin.expect(200, release(queueId, ""));
        assertEquals(1, downstream.deliveries.size());
        assertEquals("RELEASED", state(queueId));
    }

    /**
     * Regression: a release whose message the mail server took, but whose answer was lost, was put
     * back to HELD, so the next release delivered it twice.
     */
    @Test
    void aReleaseLostAfterTheMessageWentOutIsUncertainAndNeverSentAgainByItself() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Offer"));
        downstream.closeAfterNextData = true;
        Api.Result r = release(queueId, "");
        assertEquals(502, r.status(), r.body());
        assertEquals("urn:sluice:problem:release-uncertain", r.json().getString("type"));
        assertEquals("RELEASE_UNCERTAIN", state(queueId));
        assertEquals(1, downstream.deliveries.size(), "the mail server took it");
        JsonObject listed = admin.get("/api/v1/quarantine?state=release_uncertain").json();
        assertEquals(1, listed.getInt("total"));
        assertTrue(listed.getJsonArray("items").getJsonObject(0).getString("releaseReply")
                .startsWith("the connection failed after the message was sent"), listed.toString());

        Api.Result again = release(queueId, "");
        assertEquals(409, again.status());
        assertEquals("quarantined message " + queueId + " may have reached the mail server already: its last release "
                + "ended without an answer. Look for it in the mail server's log, then mark it released, or release "
                + "it again with again=true", again.json().getString("detail"));
        assertEquals("{\"matched\":0,\"done\":[],\"failed\":{}}",
                admin.expect(200, admin.post("/api/v1/quarantine/release", null)).json().toString());
        Thread.sleep(300);
        assertEquals(1, downstream.deliveries.size(), "no second delivery");

        JsonObject marked = admin.expect(200, admin.post("/api/v1/quarantine/" + queueId + "/mark-released", null))
                .json();
        assertEquals("RELEASED", marked.getString("state"));
        assertEquals("admin", marked.getString("releasedBy"));
        assertEquals(409, release(queueId, "?again=true").status());
        assertEquals(409, admin.post("/api/v1/quarantine/" + queueId + "/mark-released", null).status());
        assertEquals(1, downstream.deliveries.size());
    }

    @Test
    void anUncertainReleaseIsReleasedAgainKnowinglyOrDeleted() throws Exception {
        String again = quarantine("ann@example.org", "bob@example.com", message("Again"));
        String gone = quarantine("ann@example.org", "bob@example.com", message("Gone"));
        for (String queueId : List.of(again, gone)) {
            downstream.closeAfterNextData = true;
            assertEquals(502, release(queueId, "").status());
        }
        assertEquals(400, release(again, "?again=yes").status());
        admin.expect(200, release(again, "?again=true"));
        assertEquals("RELEASED", state(again));
        assertEquals(3, downstream.deliveries.size(), "two taken without an answer, one sent again knowingly");
        assertEquals(204, admin.delete("/api/v1/quarantine/" + gone).status());
        assertEquals(404, admin.get("/api/v1/quarantine/" + gone).status());
    }

    /** A release still running after sluice.quarantine.stale-release-seconds (3 in these tests) shows as uncertain. */
    @Test
    void aReleaseThatOutlivesItsBoundShowsAsUncertainUntilItsAnswerComes() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Slow"));
        downstream.delayNextDataReplyMillis = 7000;
        CompletableFuture<Api.Result> r = CompletableFuture.supplyAsync(() -> release(queueId, ""));
        Gateway.await(() -> state(queueId).equals("RELEASE_UNCERTAIN"), Duration.ofSeconds(6));
        assertEquals(200, r.get(15, TimeUnit.SECONDS).status());
        assertEquals("RELEASED", state(queueId), "its own answer settles it");
        assertEquals(1, downstream.deliveries.size());
    }

    @Test
    void aReleaseInterruptedByAServerRestartIsUncertainAfterwards() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Interrupted"));
        downstream.delayNextDataReplyMillis = 120_000;
        CompletableFuture.runAsync(() -> release(queueId, ""));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        reloadServer();
        assertEquals("RELEASE_UNCERTAIN", state(queueId));
        assertEquals(409, release(queueId, "").status());
        assertEquals(1, downstream.deliveries.size());
        assertEquals(204, admin.delete("/api/v1/quarantine/" + queueId).status());
    }

    /** Regression: recipients were kept comma-joined and cut at 8,000 characters. */
    @Test
    void moreThanEightThousandCharactersOfRecipientsAreKeptAndReleasedIntact() throws Exception {
        String domain = "quarantined-recipients.department.example.net"; // long, as local parts end at 64 (RFC 5321)
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Hold many\",\"recipients\":[{\"kind\":"
                + "\"DOMAIN\",\"value\":\"" + domain + "\"}],\"rules\":[{\"name\":\"hold\",\"filter\":{\"type\":"
                + "\"ALWAYS\"},\"actions\":[{\"type\":\"QUARANTINE\"}]}]}"));
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            recipients.add(String.format("Recipient-%03d-%s@%s", i, "y".repeat(40), domain));
        }
        recipients.add("Bob@" + domain);
        recipients.add("bob@" + domain);
        assertTrue(String.join(",", recipients).length() > 8000);
        String queueId;
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            for (String rcpt : recipients) {
                c.exchange("RCPT TO:<" + rcpt + ">", "250 2.1.5 Ok");
            }
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>").sendRaw(message("Many")).sendRaw(".\r\n");
            queueId = Gateway.queueId(c.readLine());
        }
        assertEquals(recipients.toString().replace(", ", ","), admin.get("/api/v1/quarantine/" + queueId).json()
                .getJsonArray("recipients").toString().replace("\"", ""));
        assertEquals(1, admin.get("/api/v1/quarantine?recipient=" + recipients.get(97).toUpperCase()).json()
                .getInt("total"));
        admin.expect(200, release(queueId, ""));
        assertEquals(recipients, downstream.deliveries.get(0).recipients());
    }

    @Test
    void searchViewDownloadAndDelete() throws Exception {
        String offer = quarantine("ann@example.org", "bob@example.com", message("Cheap offer"));
        String html = "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.net>\r\nTo: carol@example.com\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><body><script>alert(1)</script><p>Hello <b>Carol</b></p></body></html>\r\n";
        String greeting = quarantine("j@example.net", "carol@example.com", html);

        JsonObject bySender = admin.get("/api/v1/quarantine?sender=ANN@").json();
        assertEquals(1, bySender.getInt("total"));
        assertEquals(offer, bySender.getJsonArray("items").getJsonObject(0).getString("queueId"));
        assertEquals(greeting, admin.get("/api/v1/quarantine?recipient=Carol@Example.com").json()
                .getJsonArray("items").getJsonObject(0).getString("queueId"));
        assertEquals(1, admin.get("/api/v1/quarantine?subject=cheap").json().getInt("total"));
        assertEquals(2, admin.get("/api/v1/quarantine?policy=Hold&state=held&from=2020-01-01").json().getInt("total"));
        assertEquals(0, admin.get("/api/v1/quarantine?until=2020-01-01T00:00:00Z").json().getInt("total"));
        JsonObject page = admin.get("/api/v1/quarantine?size=1&page=1").json();
        assertEquals(2, page.getInt("total"));
        assertEquals(1, page.getJsonArray("items").size());
        Api.Result badDate = admin.get("/api/v1/quarantine?from=yesterday");
        assertEquals(400, badDate.status());
        assertEquals("[{\"field\":\"from\",\"message\":\"must be an ISO-8601 time like 2026-11-29T08:00:00Z or a date "
                + "like 2026-11-29\"}]", badDate.json().getJsonArray("errors").toString());

        JsonObject view = admin.get("/api/v1/quarantine/" + greeting + "/view").json();
        assertEquals("Grüße", view.getJsonArray("headers").getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("name").equals("Subject")).findFirst().orElseThrow().getString("value"));
        assertEquals("[{\"contentType\":\"text/html\",\"text\":\"Hello Carol\"}]", view.getJsonArray("texts").toString());

        Api.Result raw = admin.get("/api/v1/quarantine/" + greeting + "/raw");
        assertEquals("attachment; filename=\"" + greeting + ".eml\"", raw.header("Content-Disposition"));
        assertEquals(html, new String(TraceHeader.split(raw.body().getBytes(StandardCharsets.UTF_8)).rest(),
                StandardCharsets.UTF_8));

        assertEquals(204, admin.delete("/api/v1/quarantine/" + offer).status());
        assertEquals(404, admin.get("/api/v1/quarantine/" + offer).status());
        JsonObject bulk = admin.expect(200, admin.post("/api/v1/quarantine/delete?recipient=carol@example.com", null))
                .json();
        assertEquals("{\"matched\":1,\"done\":[\"" + greeting + "\"],\"failed\":{}}", bulk.toString());
        assertEquals(0, admin.get("/api/v1/quarantine").json().getInt("total"));
        assertEquals(401, Api.anonymous().get("/api/v1/quarantine").status());
    }

    @Test
    void bulkReleaseByFilterAndLearningAsHam() throws Exception {
        String one = quarantine("ann@example.org", "bob@example.com", message("Invoice one"));
        String two = quarantine("ann@example.org", "bob@example.com", message("Invoice two"));
        quarantine("zed@example.net", "bob@example.com", message("Other"));
        int hamBefore = admin.get("/api/v1/scanning/spam/bayes").json().getInt("hamMessages");
        JsonObject bulk = admin.expect(200, admin.post("/api/v1/quarantine/release?sender=ann@example.org&learn=ham",
                null)).json();
        assertEquals("{\"matched\":2,\"done\":[\"" + one + "\",\"" + two + "\"],\"failed\":{}}", bulk.toString());
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(hamBefore + 2, admin.get("/api/v1/scanning/spam/bayes").json().getInt("hamMessages"));
        assertEquals(1, admin.get("/api/v1/quarantine?state=HELD").json().getInt("total"));
    }

    /** Regression: a subject that decodes to control characters (NUL, which PostgreSQL refuses) is stored replaced. */
    @Test
    void controlCharactersInTheSubjectAreStoredReplaced() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", "From: ann@example.org\r\n"
                + "To: bob@example.com\r\nSubject: =?UTF-8?Q?caf=00=01e?=\r\n\r\nHello\r\n");
        assertEquals("caf\ufffd\ufffde", admin.get("/api/v1/quarantine/" + queueId).json().getString("subject"));
    }

    @Test
    void aQuarantinedMessageSurvivesAServerReload() throws Exception {
        String content = message("Kept");
        String queueId = quarantine("ann@example.org", "bob@example.com", content);
        reloadServer();

        assertEquals("HELD", admin.get("/api/v1/quarantine/" + queueId).json().getString("state"));
        admin.expect(200, admin.post("/api/v1/quarantine/" + queueId + "/release", null));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        assertEquals(content, new String(TraceHeader.split(downstream.deliveries.get(0).content()).rest(),
                StandardCharsets.US_ASCII));
    }

    /**
     * Reloads the server and waits until the gateway is back. The reload operation answers before
     * the server goes down, so the wait first sees the SMTP listener gone, then the server running.
     */
    private void reloadServer() throws IOException {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        ModelNode result = management.getControllerClient().execute(reload);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        Gateway.await(() -> !smtpListening(), Duration.ofSeconds(60));
        Gateway.await(() -> serverRunning() && gatewayIsUp(), Duration.ofSeconds(90));
    }

    private boolean serverRunning() {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").setEmptyList();
        read.get("name").set("server-state");
        try {
            return "running".equals(management.getControllerClient().execute(read).get("result").asString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean smtpListening() {
        try (Socket s = new Socket("127.0.0.1", Gateway.SMTP_PORT)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean gatewayIsUp() {
        try (Socket s = new Socket("127.0.0.1", Gateway.SMTP_PORT)) {
            return Api.admin().get("/api/v1/status").status() == 200;
        } catch (IOException | AssertionError e) {
            return false;
        }
    }

    @Test
    void retentionPurgesOldEntriesOnSchedule() throws Exception {
        String queueId = quarantine("ann@example.org", "bob@example.com", message("Old"));
        settings("\"retention\":{\"quarantineDays\":0,\"trackingDays\":90}");
        Gateway.await(() -> admin.get("/api/v1/quarantine/" + queueId).status() == 404, Duration.ofSeconds(10));
    }

    @Test
    void theDigestListsWhatIsNewlyHeldForEachRecipientOnce() throws Exception {
        String a = quarantine("ann@example.org", "bob@example.com", message("First"));
        String b = quarantine("ann@example.org", "bob@example.com", message("Second"));
        String c = quarantine("zed@example.net", "carol@example.com", message("Third"));
        settings("\"notifications\":{\"senderOnVirus\":false,\"quarantineDigest\":true,\"digestIntervalSeconds\":1}");
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(10));
        TestDownstream.Delivery toBob = downstream.deliveries.stream()
                .filter(d -> d.recipients().equals(List.of("bob@example.com"))).findFirst().orElseThrow();
        assertEquals("", toBob.sender());
        String text = toBob.text();
        assertTrue(text.contains("\r\nSubject: Quarantine digest: 2 messages held for you\r\n"), text);
        assertTrue(text.contains("\r\nAuto-Submitted: auto-generated\r\n"), text);
        assertTrue(text.contains("  " + a + "  from ann@example.org  \"First\"  (hold: clean"), text);
        assertTrue(text.contains("  " + b + "  from ann@example.org  \"Second\"  (hold: clean"), text);
        assertTrue(!text.contains(c), text);
        // two more maintenance runs, each of which would have sent a digest again if it were due
        double runs = maintenanceRuns();
        Gateway.await(() -> maintenanceRuns() >= runs + 2, Duration.ofSeconds(10));
        assertEquals(2, downstream.deliveries.size());
    }

    /** Maintenance runs that went through to their end since the server started. */
    private static double maintenanceRuns() {
        try {
            return TrackingIT.metric("sluice_maintenance_runs_total\\{[^}]*}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Changes some settings groups, keeping the rest. */
    private void settings(String groups) {
        JsonObject s = admin.get("/api/v1/settings").json();
        String body = s.toString();
        for (String group : List.of("retention", "notifications")) {
            if (groups.contains("\"" + group + "\"")) {
                body = body.replace("\"" + group + "\":" + s.getJsonObject(group).toString(), "");
            }
        }
        body = body.replace(",,", ",").replace(",}", "}").replaceFirst("}$", "," + groups + "}");
        admin.expect(200, admin.put("/api/v1/settings", body));
    }

    /**
     * The mail server got the released message exactly once (nothing more within 0.3 s of it), from
     * its sender to bob@example.com, as it was sent behind a Received field of the gateway's, and the
     * entry says admin released it; returns the entry.
     */
    static JsonObject assertReleasedOnce(TestDownstream downstream, String queueId, String sender, String content)
            throws InterruptedException {
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        Thread.sleep(300);
        assertEquals(1, downstream.deliveries.size(), "delivered once");
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertEquals(sender, d.sender());
        assertEquals(List.of("bob@example.com"), d.recipients());
        TraceHeader t = TraceHeader.split(d.content());
        t.assertReceived("client.example", queueId, "bob@example.com");
        assertEquals(content, new String(t.rest(), StandardCharsets.US_ASCII));
        JsonObject released = Api.admin().get("/api/v1/quarantine/" + queueId).json();
        assertEquals("RELEASED", released.getString("state"));
        assertEquals("admin", released.getString("releasedBy"));
        return released;
    }
}
