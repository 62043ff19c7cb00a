package io.sluice.it;

import io.sluice.dns.TestNameServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DKIM and DMARC at the end of data over real SMTP: messages signed by an independent signer
 * (Debian python3-dkim's dkimsign, RSA-2048) whose key and DMARC records a real name server (NSD on
 * loopback) serves; the exact Authentication-Results field delivered, the tracking log's dkim and
 * dmarc, and the default policy's DMARC rules refusing (p=reject) and holding (p=quarantine).
 */
class DkimDmarcIT extends GatewayTest {

    private static final String BODY = "To: bob@example.com\r\nSubject: figures\r\n\r\nThe figures are attached.\r\n";
    private static TestNameServer dns;
    private static PythonDkimKey key;
    private final Api admin = Api.admin();

    @BeforeAll
    static void startDns() throws Exception {
        PythonDkimKey.requireTools("/usr/bin/dkimsign");
        key = PythonDkimKey.create();
        String record = key.zoneLine("sel");
        dns = TestNameServer.zones()
                .zone("reject.test", record + "_dmarc IN TXT \"v=DMARC1; p=reject\"\n")
                .zone("none.test", record + "_dmarc IN TXT \"v=DMARC1; p=none\"\n")
                .zone("quarantine.test", record + "_dmarc IN TXT \"v=DMARC1; p=quarantine\"\n")
                .start();
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
        key.close();
    }

    @BeforeEach
    void checksOn() {
        Api.resetConfiguration();
        Api.changeSetting("senderChecks", "dnsServers", Json.createArrayBuilder(List.of(dns.resolverText())).build());
        Api.changeSetting("senderChecks", "dkim", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "dmarc", JsonValue.TRUE);
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /**
     * The message from {@code author}, signed by python3-dkim's dkimsign for {@code domain}
     * (relaxed/simple): it writes the DKIM-Signature field and then the message.
     */
    private static String signed(String author, String domain) throws IOException, InterruptedException {
        String message = "From: Ann <" + author + ">\r\n" + BODY;
        String signed = key.dkimsign(message, domain);
        assertTrue(signed.startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/simple; d=" + domain + ";")
                && signed.endsWith("\r\n" + message), signed);
        return signed;
    }

    /** header.b: the first 8 characters of the signature's b= tag (RFC 6008). */
    private static String headerB(String message) {
        Matcher b = Pattern.compile("(?<![a-z])b=([^;]*)").matcher(message.substring(0, message.indexOf("\r\nFrom: ")));
        assertTrue(b.find(), message);
        return b.group(1).replaceAll("\\s", "").substring(0, 8);
    }

    /** The delivered message's header fields before the gateway's Received: field. */
    private String deliveredAuthResults(int index) {
        Gateway.await(() -> downstream.deliveries.size() > index, Duration.ofSeconds(10));
        String text = downstream.deliveries.get(index).text();
        int received = text.indexOf("Received: ");
        assertTrue(received >= 0, text);
        return text.substring(0, received);
    }

    private JsonObject tracked(String queueId) {
        return TrackingIT.tracked(admin, queueId);
    }

    @Test
    void anIndependentlySignedMessagePassesDkimAndDmarc() throws Exception {
        String message = signed("ann@reject.test", "reject.test");
        String queueId = Gateway.queueId(Gateway.send("ann@reject.test", "bob@example.com", message));
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=pass header.d=reject.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=pass header.from=reject.test\r\n", deliveredAuthResults(0));
        JsonObject t = tracked(queueId);
        assertEquals("pass d=reject.test s=sel", t.getString("dkim"));
        assertEquals("pass", t.getString("dmarc"));
        assertEquals("DELIVERED", t.getString("outcome"));
    }

    @Test
    void anAlteredBodyFailsDkimAndDmarcAndPNoneDelivers() throws Exception {
        String message = signed("ann@none.test", "none.test").replace("attached", "ATTACHED");
        String queueId = Gateway.queueId(Gateway.send("ann@none.test", "bob@example.com", message));
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=fail header.d=none.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=fail header.from=none.test\r\n", deliveredAuthResults(0));
        JsonObject t = tracked(queueId);
        assertEquals("fail d=none.test s=sel", t.getString("dkim"));
        assertEquals("fail none", t.getString("dmarc"));
    }

    @Test
    void aDmarcFailureOfAPRejectDomainIsRefusedByTheDefaultPolicy() throws Exception {
        String message = signed("ann@reject.test", "reject.test").replace("attached", "ATTACHED");
        String reply = Gateway.send("ann@reject.test", "bob@example.com", message);
        assertEquals("550 5.7.1 Message refused: it failed DMARC and the author's domain asks for rejection", reply);
        JsonObject t = rejected(1).get(0);
        assertEquals("REJECTED", t.getString("outcome"));
        assertEquals("fail d=reject.test s=sel", t.getString("dkim"));
        assertEquals("fail reject", t.getString("dmarc"));
        // signed by a domain that is not the author's: DKIM passes, DMARC does not align
        assertEquals("550 5.7.1 Message refused: it failed DMARC and the author's domain asks for rejection",
                Gateway.send("ann@reject.test", "bob@example.com",
                        signed("ann@reject.test", "none.test")));
        assertEquals(List.of("fail d=reject.test s=sel", "pass d=none.test s=sel"),
                rejected(2).stream().map(i -> i.getString("dkim")).sorted().toList());
        assertEquals(0, downstream.deliveries.size());
    }

    /** The tracking log's rejected messages from ann@reject.test, once there are {@code count}. */
    private List<JsonObject> rejected(int count) throws InterruptedException {
        List<JsonObject> found = List.of();
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            found = admin.get("/api/v1/tracking?outcome=REJECTED&size=100").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("sender").equals("ann@reject.test")).toList();
            if (found.size() == count) {
                return found;
            }
        }
        throw new AssertionError("rejected from ann@reject.test: " + found + "; all: " + admin.get("/api/v1/tracking?size=100").body());
    }

    @Test
    void aDmarcFailureOfAPQuarantineDomainIsHeld() throws Exception {
        String queueId = Gateway.sendKept("ann@quarantine.test", "bob@example.com", "From: ann@quarantine.test\r\n" + BODY);
        JsonObject t = tracked(queueId);
        assertEquals("QUARANTINED", t.getString("outcome"));
        assertEquals("none", t.getString("dkim"));
        assertEquals("fail quarantine", t.getString("dmarc"));
        assertEquals("HELD", admin.get("/api/v1/quarantine/" + queueId).json().getString("state"));
        assertEquals(0, downstream.deliveries.size());
    }

    @Test
    void withTheChecksOffNothingIsVerifiedOrRefused() throws Exception {
        Api.changeSetting("senderChecks", "dkim", JsonValue.FALSE);
        Api.changeSetting("senderChecks", "dmarc", JsonValue.FALSE);
        String queueId = Gateway.queueId(Gateway.send("ann@reject.test", "bob@example.com",
                signed("ann@reject.test", "reject.test").replace("attached", "ATTACHED")));
        assertEquals("", deliveredAuthResults(0));
        JsonObject t = tracked(queueId);
        assertTrue(!t.containsKey("dkim") || t.isNull("dkim"), t.toString());
        assertTrue(!t.containsKey("dmarc") || t.isNull("dmarc"), t.toString());
    }
}
