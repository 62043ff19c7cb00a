package io.sluice.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.it.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression tests: the state changes a browser can be made to send from another site with an
 * administrator's cached credentials are refused; the same requests from an API client are not.
 */
class CrossSiteRequestIT extends GatewayTest {

    private final Api admin = Api.admin();

    @Test
    void aBodylessPostWithoutJsonIsRefused() {
        // what a cross-site fetch or form can send without asking the server first
        assertProblem(admin.send("POST", "/api/v1/quarantine/release?state=HELD", null, List.of("Content-Type", "text/plain")),
                415, "{\"type\":\"urn:sluice:problem:content-type-required\",\"title\":\"Content type required\","
                        + "\"status\":415,\"detail\":\"a POST must say Content-Type: application/json, even without a body\"}");
        assertProblem(admin.send("POST", "/api/v1/scanning/signatures/reload", "x=1",
                        List.of("Content-Type", "application/x-www-form-urlencoded")), 415,
                "{\"type\":\"urn:sluice:problem:content-type-required\",\"title\":\"Content type required\","
                        + "\"status\":415,\"detail\":\"a POST must say Content-Type: application/json, even without a body\"}");
    }

    @Test
    void bayesIsTaughtOnlyWithAMessageContentType() {
        String message = "Subject: learn\r\n\r\ncheap watches\r\n";
        assertProblem(admin.send("POST", "/api/v1/scanning/spam/learn?as=ham", message, List.of("Content-Type", "text/plain")),
                415, "{\"type\":\"urn:sluice:problem:content-type-required\",\"title\":\"Content type required\","
                        + "\"status\":415,\"detail\":\"a POST must say Content-Type: application/json or message/rfc822, "
                        + "even without a body\"}");
        assertEquals(200, admin.send("POST", "/api/v1/scanning/spam/learn?as=ham", message,
                List.of("Content-Type", "message/rfc822")).status());
    }

    @Test
    void aForeignOriginIsRefusedWhateverTheContentType() {
        String refused = "{\"type\":\"urn:sluice:problem:cross-site-request\",\"title\":\"Cross-site request\","
                + "\"status\":403,\"detail\":\"changes are only accepted from this server's own origin http://127.0.0.1:"
                + Gateway.HTTP_PORT + "\"}";
        assertProblem(admin.send("POST", "/api/v1/quarantine/release?state=HELD", null,
                List.of("Origin", "https://attacker.example")), 403, refused);
        assertProblem(admin.send("POST", "/api/v1/quarantine/release?state=HELD", null, List.of("Origin", "null")), 403, refused);
        assertProblem(admin.send("DELETE", "/api/v1/quarantine/NOSUCHID", null,
                List.of("Origin", "http://127.0.0.1:" + (Gateway.HTTP_PORT + 1))), 403, refused);
        assertProblem(admin.send("POST", "/api/v1/scanning/signatures/reload", "{}",
                List.of("Sec-Fetch-Site", "cross-site")), 403, refused);
        // the server's own origin, and reads from anywhere (no CORS: another site cannot read the answer)
        assertEquals(200, admin.send("POST", "/api/v1/scanning/signatures/reload", null,
                List.of("Origin", "http://127.0.0.1:" + Gateway.HTTP_PORT)).status());
        assertEquals(200, admin.send("GET", "/api/v1/status", null, List.of("Origin", "https://attacker.example")).status());
    }
}
