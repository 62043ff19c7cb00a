package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sluice.it.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DKIM keys through the admin API (generate, the record to publish, rotate by selector, delete)
 * and outbound mail signed with the active key on its way to the mail server, checked by
 * Debian's python3-dkim with the record the API gave.
 */
class DkimSigningIT extends GatewayTest {

    private final Api admin = Api.admin();

    @BeforeEach
    void reset() {
        Api.resetConfiguration();
    }

    @Test
    void keysAreGeneratedShownWithTheirRecordRotatedBySelectorAndDeleted() {
        Api.Result created = admin.expect(201, admin.post("/api/v1/dkim-keys",
                "{\"domain\":\" Example.ORG\",\"selector\":\"s2026\",\"algorithm\":\"ed25519-sha256\",\"active\":true}"));
        JsonObject first = created.json();
        long firstId = first.getJsonNumber("id").longValue();
        assertEquals("http://127.0.0.1:" + Gateway.HTTP_PORT + "/api/v1/dkim-keys/" + firstId, created.header("Location"));
        assertEquals("example.org", first.getString("domain"));
        assertEquals("s2026", first.getString("selector"));
        assertEquals("ed25519-sha256", first.getString("algorithm"));
        assertTrue(first.getBoolean("active"));
        assertEquals("s2026._domainkey.example.org", first.getString("recordName"));
        assertTrue(first.getString("record").matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}="), first.getString("record"));
        assertFalse(created.body().toLowerCase().contains("private"), created.body());

        // rotation: a new RSA key under a new selector, activated, takes over from the old one
        JsonObject second = admin.expect(201, admin.post("/api/v1/dkim-keys", "{\"domain\":\"example.org\",\"selector\":\"s2027\"}")).json();
        assertEquals("rsa-sha256", second.getString("algorithm"));
        assertFalse(second.getBoolean("active"));
        assertTrue(second.getString("record").matches("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA[A-Za-z0-9+/]{342}IDAQAB"),
                second.getString("record"));
        long secondId = second.getJsonNumber("id").longValue();
        admin.expect(200, admin.put("/api/v1/dkim-keys/" + secondId, "{\"active\":true,\"version\":"
                + second.getJsonNumber("version") + "}"));
        List<JsonObject> items = admin.get("/api/v1/dkim-keys").json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of("s2026:false", "s2027:true"), items.stream()
                .map(k -> k.getString("selector") + ":" + k.getBoolean("active")).toList());

        assertProblem(admin.post("/api/v1/dkim-keys", "{\"domain\":\"not a domain\",\"selector\":\"-bad\",\"algorithm\":\"rsa-sha1\"}"),
                400, "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"3 fields are invalid\",\"errors\":[{\"field\":\"algorithm\",\"message\":"
                        + "\"must be rsa-sha256 or ed25519-sha256\"},{\"field\":\"domain\",\"message\":\"is not a domain name\"},"
                        + "{\"field\":\"selector\",\"message\":\"is not a DNS label (letters, digits, hyphens; dots between labels)\"}]}");
        assertProblem(admin.post("/api/v1/dkim-keys", "{\"algorithm\":\"ed25519-sha256\"}"),
                400, "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"2 fields are invalid\",\"errors\":[{\"field\":\"domain\",\"message\":\"must not be blank\"},"
                        + "{\"field\":\"selector\",\"message\":\"must not be blank\"}]}");
        assertProblem(admin.post("/api/v1/dkim-keys", "{\"domain\":\"example.org\",\"selector\":\"s2026\"}"),
                400, "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"selector\",\"message\":"
                        + "\"selector s2026 of example.org exists already\"}]}");
        JsonObject now = admin.get("/api/v1/dkim-keys/" + firstId).json();
        assertProblem(admin.put("/api/v1/dkim-keys/" + firstId, "{\"selector\":\"other\",\"active\":true,\"version\":"
                + now.getJsonNumber("version") + "}"), 400, "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":"
                + "\"Invalid request\",\"status\":400,\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"selector\","
                + "\"message\":\"cannot be changed: create a key under a new selector instead\"}]}");

        admin.expect(204, admin.delete("/api/v1/dkim-keys/" + firstId));
        assertEquals(404, admin.get("/api/v1/dkim-keys/" + firstId).status());
        assertEquals(1, admin.get("/api/v1/dkim-keys").json().getInt("total"));
        String audit = admin.get("/api/v1/audit?size=50").body();
        assertTrue(audit.contains("\"action\":\"create\",\"target\":\"DKIM key " + firstId + "\""), audit);
        assertTrue(audit.contains("\"action\":\"delete\",\"target\":\"DKIM key " + firstId + "\""), audit);
    }

    @Test
    void outboundMailIsSignedAndPythonDkimVerifiesIt() throws Exception {
        for (String algorithm : List.of("rsa-sha256", "ed25519-sha256")) {
            Api.resetConfiguration();
            downstream.deliveries.clear();
            JsonObject key = admin.expect(201, admin.post("/api/v1/dkim-keys", "{\"domain\":\"example.org\",\"selector\":\"out\","
                    + "\"algorithm\":\"" + algorithm + "\",\"active\":true}")).json();
            String message = "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: signed\r\n\r\n"
                    + "caf\u00e9 line\r\n" + "x".repeat(900) + "\r\n\r\n\r\n";

            // inbound (not an internal network, no AUTH): not signed
            assertTrue(Gateway.send("alice@example.org", "bob@example.net", message).startsWith("250 "));
            Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(10));
            assertFalse(new String(downstream.deliveries.get(0).content(), StandardCharsets.ISO_8859_1).startsWith("DKIM-Signature:"));

            Api.internalNetworks("127.0.0.0/8", "::1/128");
            assertTrue(Gateway.send("alice@example.org", "bob@example.net", message).startsWith("250 "));
            Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(10));
            String delivered = new String(downstream.deliveries.get(1).content(), StandardCharsets.ISO_8859_1);
            assertTrue(delivered.startsWith("DKIM-Signature: v=1; a=" + algorithm + "; c=relaxed/relaxed; d=example.org; s=out;\r\n"),
                    delivered);
            assertEquals("True", pythonVerifies(key.getString("record"), downstream.deliveries.get(1).content()), algorithm);
            byte[] changed = delivered.replace("Subject: signed", "Subject: changed").getBytes(StandardCharsets.ISO_8859_1);
            assertEquals("False", pythonVerifies(key.getString("record"), changed), algorithm);
        }
    }

    /** python3-dkim's verdict on the message, the key record given for any name. */
    private static String pythonVerifies(String record, byte[] message) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys, dkim\n"
                + "print(dkim.verify(sys.stdin.buffer.read(), dnsfunc=lambda name, timeout=5: sys.argv[1].encode()))", record)
                .redirectErrorStream(true).start();
        p.getOutputStream().write(message);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
