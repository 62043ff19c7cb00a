package io.sluice.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sluice.it.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logging in to the admin API: the console's session with its cookie and cross-site token, the
 * limit on failed logins per address, the same cost for unknown users as for known ones, and
 * HTTPS by default with plain HTTP on loopback only.
 */
class AdminLoginIT extends GatewayTest {

    private static final Pattern SESSION_COOKIE =
            Pattern.compile("SLUICE_SESSION=([A-Za-z0-9_-]{43}); Path=/; HttpOnly; SameSite=Strict");

    private final Api admin = Api.admin();

    @ArquillianResource
    ManagementClient management;

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
        admin.send("DELETE", "/api/v1/users/ops", null, List.of());
    }

    @Test
    void theConsoleLogsInWithACookieAndEveryChangeThroughItCarriesTheSessionsToken() {
        Api.Result login = Api.anonymous().post("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + Api.adminPassword() + "\"}");
        assertEquals(200, login.status(), login.body());
        Matcher cookie = SESSION_COOKIE.matcher(login.header("Set-Cookie"));
        assertTrue(cookie.matches(), login.header("Set-Cookie"));
        assertEquals("no-store", login.header("Cache-Control"));
        JsonObject me = login.json();
        String token = me.getString("csrfToken");
        assertEquals(Json.createObjectBuilder().add("username", "admin").add("role", "admin").add("csrfToken", token)
                .build(), me);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}") && !token.equals(cookie.group(1)));
        String session = "SLUICE_SESSION=" + cookie.group(1);

        Api anonymous = Api.anonymous();
        assertEquals(200, anonymous.send("GET", "/api/v1/status", null, List.of("Cookie", session)).status());
        assertEquals(me, anonymous.send("GET", "/api/v1/session", null, List.of("Cookie", session)).json());
        assertProblem(anonymous.send("POST", "/api/v1/groups", "{\"name\":\"by-console\"}", List.of("Cookie", session)),
                403, "{\"type\":\"urn:sluice:problem:csrf-token-required\",\"title\":\"Cross-site request token "
                        + "required\",\"status\":403,\"detail\":\"a change made with the console's session must carry "
                        + "its token in the X-CSRF-Token header\"}");
        assertEquals(403, anonymous.send("POST", "/api/v1/groups", "{\"name\":\"by-console\"}",
                List.of("Cookie", session, "X-CSRF-Token", token.substring(1) + "x")).status());
        assertEquals(404, admin.get("/api/v1/groups/by-console").status(), "nothing was created");
        assertEquals(201, anonymous.send("POST", "/api/v1/groups", "{\"name\":\"by-console\"}",
                List.of("Cookie", session, "X-CSRF-Token", token)).status());

        Api.Result logout = anonymous.send("DELETE", "/api/v1/session", null, List.of("Cookie", session, "X-CSRF-Token", token));
        assertEquals(204, logout.status());
        assertEquals("SLUICE_SESSION=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict", logout.header("Set-Cookie"));
        assertEquals(401, anonymous.send("GET", "/api/v1/status", null, List.of("Cookie", session)).status());
        assertProblem(anonymous.send("GET", "/api/v1/session", null, List.of("Cookie", session)), 401,
                "{\"type\":\"urn:sluice:problem:not-logged-in\",\"title\":\"Not logged in\",\"status\":401,"
                        + "\"detail\":\"no console session; log in with POST /api/v1/session\"}");
    }

    @Test
    void aWrongPasswordOpensNoSessionAndALoginFromAnotherSiteIsRefused() {
        Api.Result wrong = Api.anonymous().post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"guess\"}");
        assertProblem(wrong, 401, "{\"type\":\"urn:sluice:problem:login-failed\",\"title\":\"Login failed\","
                + "\"status\":401,\"detail\":\"unknown user name or wrong password\"}");
        assertNull(wrong.header("Set-Cookie"));
        assertNull(wrong.header("WWW-Authenticate"), "the console's form, not the browser's dialog");
        assertEquals(403, Api.anonymous().send("POST", "/api/v1/session", "{\"username\":\"admin\",\"password\":\""
                + Api.adminPassword() + "\"}", List.of("Origin", "https://evil.example")).status());
    }

    @Test
    void aChangedPasswordEndsTheUsersSessions() {
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"ops\",\"role\":\"auditor\","
                + "\"password\":\"correct horse battery\"}"));
        Api.Result login = Api.anonymous().post("/api/v1/session",
                "{\"username\":\"ops\",\"password\":\"correct horse battery\"}");
        Matcher cookie = SESSION_COOKIE.matcher(login.header("Set-Cookie"));
        assertTrue(cookie.matches());
        List<String> session = List.of("Cookie", "SLUICE_SESSION=" + cookie.group(1));
        assertEquals(200, Api.anonymous().send("GET", "/api/v1/status", null, session).status());

        admin.expect(204, admin.put("/api/v1/users/ops/password", "{\"password\":\"another long one\"}"));
        assertEquals(401, Api.anonymous().send("GET", "/api/v1/status", null, session).status());
    }

    @Test
    void failedLoginsAreLimitedPerAddressWhetherBasicOrTheConsoleForm() throws Exception {
        long logStart = ServerLog.size();
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"ops\",\"role\":\"admin\","
                + "\"password\":\"correct horse battery\"}"));
        Api.changeSetting("connections", "authFailuresPerInterval", Json.createValue(3));
        for (int i = 0; i < 3; i++) {
            assertEquals(401, Api.as("ops", "guess " + i).get("/api/v1/status").status());
        }
        Api.Result limited = Api.as("ops", "guess 3").get("/api/v1/status");
        assertProblem(limited, 429, "{\"type\":\"urn:sluice:problem:too-many-login-failures\",\"title\":\"Too many "
                + "failed logins\",\"status\":429,\"detail\":\"logins from this address failed too often; try again "
                + "in 600 s\"}");
        assertEquals("600", limited.header("Retry-After"));
        assertEquals(429, Api.anonymous().post("/api/v1/session",
                "{\"username\":\"ops\",\"password\":\"correct horse battery\"}").status(), "even the right password waits");
        assertEquals(200, admin.get("/api/v1/status").status(), "a password verified before still works");

        List<String> logged = ServerLog.since(logStart);
        for (String reason : List.of("wrong-password", "too-many-failures")) {
            assertEquals(reason.equals("wrong-password") ? 3 : 1, logged.stream().filter(l -> l.contains(
                    " WARNING [io.sluice.security.AdminLogin] (") && l.endsWith(") Admin login failed: client=127.0.0.1 "
                    + "user=ops reason=" + reason)).count(), reason);
        }
        assertEquals(Collections.nCopies(4, "127.0.0.1"), ServerLog.fail2banMatches(logged),
                "the later refusals of the interval only at DEBUG: a client cannot flood the log");
    }

    /**
     * An unknown user name is refused after the same PBKDF2 work as a wrong password for a known
     * one (before: at once, which told a guesser which names exist). Medians of five interleaved tries.
     */
    @Test
    void anUnknownUserIsRefusedNoFasterThanAKnownOne() {
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"ops\",\"role\":\"auditor\","
                + "\"password\":\"correct horse battery\"}"));
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(refusalNanos("ops"));
            unknown.add(refusalNanos("nobody-" + i));
        }
        Collections.sort(known);
        Collections.sort(unknown);
        double ratio = (double) unknown.get(2) / known.get(2);
        System.out.printf("refusal medians: known %.1f ms, unknown %.1f ms (ratio %.2f)%n",
                known.get(2) / 1e6, unknown.get(2) / 1e6, ratio);
        assertTrue(ratio > 0.6 && ratio < 1.6, "known " + known + " unknown " + unknown);
    }

    private long refusalNanos(String user) {
        Api api = Api.as(user, "not the password");
        long start = System.nanoTime();
        assertEquals(401, api.get("/api/v1/status").status());
        return System.nanoTime() - start;
    }

    /**
     * HTTPS answers on 8443 with the certificate made at first use (for "localhost" unless told
     * otherwise, so the client checks the name against that), and plain HTTP is bound to 127.0.0.1
     * whatever address the server itself is bound to.
     */
    @Test
    void theApiIsServedOverHttpsAndPlainHttpOnlyOnLoopback() throws Exception {
        int port = 8443 + Integer.getInteger("it.port-offset", 100);
        HttpClient https = HttpClient.newBuilder().sslContext(TlsIT.trustAll()).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/status"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.adminPassword()).getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        SSLSession tls = r.sslSession().orElseThrow();
        assertEquals("CN=localhost", ((X509Certificate) tls.getPeerCertificates()[0]).getSubjectX500Principal().getName());
        assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(tls.getProtocol()), tls.getProtocol());

        Api.Result login = Api.anonymous().post("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + Api.adminPassword() + "\"}");
        assertTrue(SESSION_COOKIE.matcher(login.header("Set-Cookie")).matches(), "no Secure flag over plain HTTP");
        HttpResponse<String> secure = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + Api.adminPassword() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(secure.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; HttpOnly; SameSite=Strict; Secure"),
                secure.headers().toString());

        assertEquals("sluice-loopback", read("socket-binding-group", "standard-sockets", "socket-binding", "http", "interface"));
        assertEquals("${sluice.http.bind-address:127.0.0.1}", read("interface", "sluice-loopback", null, null, "inet-address"));
        assertEquals("undefined", read("socket-binding-group", "standard-sockets", "socket-binding", "https", "interface"),
                "HTTPS on the server's own (public) interface");
    }

    private String read(String type, String name, String childType, String child, String attribute) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("name").set(attribute);
        op.get("include-defaults").set(false);
        ModelNode address = op.get("address");
        address.add(type, name);
        if (childType != null) {
            address.add(childType, child);
        }
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        return result.get("result").isDefined() ? result.get("result").asString() : "undefined";
    }
}
