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
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sluice.it.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARC sealing over real SMTP: a message signed by python3-dkim's dkimsign (RSA-2048, its key and
 * DMARC record served by NSD on loopback) gets a subject tag from a policy, which breaks the
 * sender's signature; the gateway seals what it saw with the active DKIM key of the sealing
 * domain, and python3-dkim checks the delivered octets: the DKIM signature fails, the ARC chain
 * passes. A chain python's arcsign made before is extended to instance 2. Unchanged mail is not
 * sealed unless every message is to be. The settings' exact 400 problems.
 */
class ArcSealIT extends GatewayTest {

    private static final String BODY = "To: bob@example.com\r\nSubject: figures\r\n\r\nThe figures are attached.\r\n";
    private static final String TAG = "{\"type\":\"TAG_SUBJECT\",\"text\":\"[EXT] \"}";
    /** python3-dkim's verdicts on a message: dkim.verify of the top signature, arc_verify and each set's parts. */
    private static final String CHECK = """
            import sys, json, dkim
            records = json.loads(sys.argv[1])
            def dnsfunc(name, timeout=5):
                name = name.decode() if isinstance(name, bytes) else name
                found = records.get(name.rstrip('.').lower())
                return found.encode() if found else None
            message = sys.stdin.buffer.read()
            cv, sets, reason = dkim.arc_verify(message, dnsfunc=dnsfunc)
            print(json.dumps({'dkim': dkim.verify(message, dnsfunc=dnsfunc), 'arc': cv.decode() if cv else None,
                'reason': reason, 'sets': sorted(['%d cv=%s ams=%s as=%s' % (s['instance'], s['cv'].decode(), s['ams-valid'],
                s['as-valid']) for s in sets])}))
            """;

    private static TestNameServer dns;
    private static PythonDkimKey senderKey;
    private static PythonDkimKey forwarderKey;
    private final Api admin = Api.admin();
    private JsonObject sealKey;

    @BeforeAll
    static void startDns() throws Exception {
        PythonDkimKey.requireTools("/usr/bin/dkimsign", "/usr/bin/arcsign");
        senderKey = PythonDkimKey.create();
        forwarderKey = PythonDkimKey.create();
        dns = TestNameServer.zones()
                .zone("sender.test", senderKey.zoneLine("sel") + "_dmarc IN TXT \"v=DMARC1; p=reject\"\n")
                .zone("forwarder.test", forwarderKey.zoneLine("fw"))
                .start();
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
        senderKey.close();
        forwarderKey.close();
    }

    @BeforeEach
    void sealingOn() {
        Api.resetConfiguration();
        sealKey = admin.expect(201, admin.post("/api/v1/dkim-keys",
                "{\"domain\":\"seal.test\",\"selector\":\"arc\",\"algorithm\":\"rsa-sha256\",\"active\":true}")).json();
        Api.changeSetting("senderChecks", "dnsServers", Json.createArrayBuilder(List.of(dns.resolverText())).build());
        Api.changeSetting("senderChecks", "dkim", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "dmarc", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "arcSealDomain", Json.createValue("seal.test"));
        Api.changeSetting("senderChecks", "arcSeal", Json.createValue("CHANGED"));
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    private void tagSubject() {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Bob\",\"recipients\":[{\"kind\":\"ADDRESS\","
                + "\"value\":\"bob@example.com\"}],\"rules\":[{\"name\":\"tag\",\"filter\":{\"type\":\"ALWAYS\"},"
                + "\"actions\":[" + TAG + "]}]}"));
    }

    /** From ann@sender.test, signed by dkimsign (relaxed/simple). */
    private static String signed() throws IOException, InterruptedException {
        String message = "From: Ann <ann@sender.test>\r\n" + BODY;
        String signed = senderKey.dkimsign(message, "sender.test");
        assertTrue(signed.startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/simple; d=sender.test;")
                && signed.endsWith("\r\n" + message), signed);
        return signed;
    }

    /** python3-dkim's verdicts on {@code message}, every key record given to it. */
    private JsonObject python(byte[] message) throws IOException, InterruptedException {
        String records = Json.createObjectBuilder().add("sel._domainkey.sender.test", senderKey.record())
                .add("fw._domainkey.forwarder.test", forwarderKey.record())
                .add(sealKey.getString("recordName"), sealKey.getString("record")).build().toString();
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", CHECK, records).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(message);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return Json.createReader(new StringReader(out)).readObject();
    }

    private TestDownstream.Delivery delivered(String message) throws IOException {
        String reply = Gateway.send("ann@sender.test", "bob@example.com", message);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
        return downstream.deliveries.get(0);
    }

    /** The header fields above the gateway's Received: field, signatures, body hashes and times replaced by "…". */
    private static String top(TestDownstream.Delivery d) {
        String text = d.text();
        return text.substring(0, text.indexOf("Received: "))
                .replaceAll("(?<![.\\w])b=[A-Za-z0-9+/=]+(\r\n\t[A-Za-z0-9+/=]+)*", "b=…")
                .replaceAll("bh=[A-Za-z0-9+/=]+", "bh=…").replaceAll("t=[0-9]+", "t=…");
    }

    private static String headerB(String signed) {
        String b = signed.substring(signed.indexOf(" b=") + 3);
        return b.replaceAll("\\s", "").substring(0, 8);
    }

    @Test
    void aTaggedSubjectBreaksTheSendersSignatureAndTheSealCarriesItsPassToPythonsArcVerify() throws Exception {
        tagSubject();
        String message = signed();
        TestDownstream.Delivery d = delivered(message);
        String results = "gateway.test;\r\n\tdkim=pass header.d=sender.test header.s=sel header.b=" + headerB(message)
                + ";\r\n\tdmarc=pass header.from=sender.test\r\n";
        assertEquals("ARC-Seal: i=1; a=rsa-sha256; t=…; cv=none;\r\n\td=seal.test; s=arc;\r\n\tb=…\r\n"
                + "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=seal.test; s=arc; t=…;\r\n"
                + "\th=from:from:subject:subject:to:to;\r\n\tbh=…;\r\n\tb=…\r\n"
                + "ARC-Authentication-Results: i=1; " + results + "Authentication-Results: " + results, top(d));
        assertTrue(d.text().endsWith(message.replace("Subject: figures", "Subject: [EXT] figures")), d.text());
        JsonObject python = python(d.content());
        assertEquals("{\"dkim\":false,\"arc\":\"pass\",\"reason\":\"success\",\"sets\":[\"1 cv=none ams=True as=True\"]}",
                python.toString());
    }

    @Test
    void aChainPythonSealedBeforeIsExtendedToInstanceTwo() throws Exception {
        tagSubject();
        String message = "Authentication-Results: forwarder.test; dkim=pass header.d=sender.test\r\n" + signed();
        String forwarded = PythonDkimKey.tool(message, "/usr/bin/arcsign", "fw", "forwarder.test", forwarderKey.file().toString(), "forwarder.test");
        assertTrue(forwarded.startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=forwarder.test; s=fw;"), forwarded);
        TestDownstream.Delivery d = delivered(forwarded);
        String top = top(d);
        assertTrue(top.startsWith("ARC-Seal: i=2; a=rsa-sha256; t=…; cv=pass;\r\n\td=seal.test; s=arc;\r\n\tb=…\r\n"
                + "ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=seal.test; s=arc; t=…;\r\n"), top);
        assertTrue(top.contains("\r\nARC-Authentication-Results: i=2; gateway.test;\r\n\tdkim=pass header.d=sender.test header.s=sel"
                + " header.b=" + headerB(message) + ";\r\n\tarc=pass;\r\n\tdmarc=pass header.from=sender.test\r\n"
                + "Authentication-Results: gateway.test;\r\n"), top);
        assertEquals("{\"dkim\":false,\"arc\":\"pass\",\"reason\":\"success\",\"sets\":[\"1 cv=none ams=False as=True\","
                + "\"2 cv=pass ams=True as=True\"]}", python(d.content()).toString());
    }

    @Test
    void unchangedMailIsNotSealedUnlessEveryMessageIsToBe() throws Exception {
        String message = signed();
        String results = "Authentication-Results: gateway.test;\r\n\tdkim=pass header.d=sender.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=pass header.from=sender.test\r\n";
        TestDownstream.Delivery unchanged = delivered(message);
        assertEquals(results, top(unchanged));
        assertEquals("{\"dkim\":true,\"arc\":\"none\",\"reason\":\"Message is not ARC signed\",\"sets\":[]}",
                python(unchanged.content()).toString());

        Api.changeSetting("senderChecks", "arcSeal", Json.createValue("ALL"));
        downstream.deliveries.clear();
        TestDownstream.Delivery sealed = delivered(message);
        assertTrue(top(sealed).startsWith("ARC-Seal: i=1; a=rsa-sha256; t=…; cv=none;\r\n"), top(sealed));
        assertEquals("{\"dkim\":true,\"arc\":\"pass\",\"reason\":\"success\",\"sets\":[\"1 cv=none ams=True as=True\"]}",
                python(sealed.content()).toString());
    }

    @Test
    void sealingNeedsTheChecksAndAnActiveKeyOfItsDomain() {
        Api.resetConfiguration();
        JsonObject s = admin.get("/api/v1/settings").json();
        String senderChecks = s.getJsonObject("senderChecks").toString();
        assertTrue(senderChecks.endsWith("\"dkim\":false,\"dmarc\":false,\"arcSeal\":\"OFF\",\"arcSealDomain\":\"\"}"), senderChecks);
        assertProblem(admin.put("/api/v1/settings", "{\"version\":" + s.getJsonNumber("version") + ",\"headerPrefix\":\"X-\","
                        + "\"senderChecks\":{\"arcSeal\":\"ALL\",\"arcSealDomain\":\"seal.test\"}}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"2 fields are invalid\",\"errors\":[{\"field\":\"senderChecks.arcSeal\",\"message\":"
                        + "\"needs dkim or dmarc on: the seal passes on their results\"},{\"field\":\"senderChecks.arcSealDomain\","
                        + "\"message\":\"has no active DKIM key: create or activate one at /api/v1/dkim-keys\"}]}");
        assertProblem(admin.put("/api/v1/settings", "{\"version\":" + s.getJsonNumber("version") + ",\"headerPrefix\":\"X-\","
                        + "\"senderChecks\":{\"dkim\":true,\"arcSeal\":\"CHANGED\"}}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"senderChecks.arcSealDomain\",\"message\":"
                        + "\"must name the domain whose active DKIM key seals\"}]}");
        assertProblem(admin.put("/api/v1/settings", "{\"version\":" + s.getJsonNumber("version") + ",\"headerPrefix\":\"X-\","
                        + "\"senderChecks\":{\"arcSealDomain\":\"not a domain\"}}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"senderChecks.arcSealDomain\",\"message\":"
                        + "\"must be a domain name, e.g. example.org\"}]}");
        assertEquals(s.getJsonNumber("version"), admin.get("/api/v1/settings").json().getJsonNumber("version"));
    }
}
