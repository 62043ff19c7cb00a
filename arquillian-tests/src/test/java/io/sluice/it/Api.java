package io.sluice.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client of the admin API for the tests: HTTP Basic as one user, JSON in and out. */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String adminPassword;

    private final String authorization;

    private Api(String user, String password) {
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The first admin, with the password the server printed to its log at first start. */
    static Api admin() {
        return new Api("admin", adminPassword());
    }

    static Api as(String user, String password) {
        return new Api(user, password);
    }

    static Api anonymous() {
        return new Api(null, null);
    }

    /**
     * The password from "created user 'admin' with password '...'" in the test server's log, or the
     * one the server was given ({@code it.admin.password}) where the database outlives a run.
     */
    static synchronized String adminPassword() {
        String given = System.getProperty("it.admin.password");
        if (given != null && !given.isBlank() && System.getProperty("sluice.it.postgres") != null) {
            return given;
        }
        if (adminPassword == null) {
            Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
            try {
                Matcher m = Pattern.compile("created user 'admin' with password '([^']+)'").matcher(Files.readString(log));
                if (!m.find()) {
                    throw new AssertionError("the server log has no first admin password: " + log);
                }
                adminPassword = m.group(1);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + log, e);
            }
        }
        return adminPassword;
    }

    /**
     * Deletes every policy but the default, every group, internal domain and DKIM key and every user
     * but the first admin, and puts the settings back to their defaults, so each test starts from a fresh
     * install's configuration.
     */
    static void resetConfiguration() {
        Api admin = admin();
        for (var p : admin.get("/api/v1/policies?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            if (!p.getBoolean("isDefault")) {
                admin.expect(204, admin.delete("/api/v1/policies/" + p.getJsonNumber("id")));
            }
        }
        for (var g : admin.get("/api/v1/groups?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            admin.expect(204, admin.delete("/api/v1/groups/" + g.getJsonNumber("id")));
        }
        for (var d : admin.get("/api/v1/internal-domains?size=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            admin.expect(204, admin.delete("/api/v1/internal-domains/" + d.getJsonNumber("id")));
        }
        for (var k : admin.get("/api/v1/dkim-keys?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            admin.expect(204, admin.delete("/api/v1/dkim-keys/" + k.getJsonNumber("id")));
        }
        long version = admin.get("/api/v1/settings").json().getJsonNumber("version").longValue();
        admin.expect(200, admin.put("/api/v1/settings", "{\"version\":" + version + ",\"headerPrefix\":\"X-\","
                + "\"internalNetworks\":[],\"virus\":{\"engines\":\"EMBEDDED\",\"onFailure\":\"TEMPFAIL\",\"clamdAddress\":\"127.0.0.1:3310\","
                + "\"clamdStreamMaxBytes\":26214400},\"spam\":{\"engine\":\"EMBEDDED\",\"onFailure\":\"TEMPFAIL\","
                + "\"spamdAddress\":\"127.0.0.1:783\",\"rspamdAddress\":\"127.0.0.1:11333\",\"bayesMinSpam\":200,"
                + "\"bayesMinHam\":200},\"scanning\":{\"engineTimeoutMillis\":30000,\"maxDepth\":16,\"maxParts\":1000,"
                + "\"maxExpandedBytes\":268435456,\"maxRatio\":100},\"retention\":{\"quarantineDays\":30,\"trackingDays\":90,\"auditDays\":365},"
                + "\"notifications\":{\"senderOnVirus\":false,\"quarantineDigest\":true,\"digestIntervalSeconds\":86400},"
                + "\"connections\":{\"maxTotal\":0,\"maxPerAddress\":0,\"connectionsPerInterval\":0,\"messagesPerInterval\":0,"
                + "\"recipientsPerInterval\":0,\"intervalSeconds\":60,\"maxErrors\":20,\"errorDelayMillis\":1000,"
                + "\"greetPauseMillis\":0,\"authFailuresPerInterval\":10,\"authFailureIntervalSeconds\":600},"
                + "\"senderChecks\":{\"dnsServers\":[],\"dnsTimeoutMillis\":3000,\"spf\":false,\"dnsLists\":[],"
                + "\"greylisting\":false,\"greylistDelaySeconds\":300,\"greylistWindowSeconds\":14400,"
                + "\"greylistAllowSeconds\":3110400,\"greylistExempt\":[],\"greylistExemptSpfPass\":true,\"dkim\":false,\"dmarc\":false,\"arcSeal\":\"OFF\",\"arcSealDomain\":\"\"},"
                + "\"dmarc\":{\"reports\":false,\"reportSender\":\"\",\"reportOrganisation\":\"\",\"reportIntervalSeconds\":86400,"
                + "\"localPolicyDomains\":[],\"trustedForwarders\":[],\"trustedArcSealers\":[]}}"));
        for (var u : admin.get("/api/v1/users?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            if (!u.getString("username").equals("admin")) {
                admin.expect(204, admin.delete("/api/v1/users/" + u.getString("username")));
            }
        }
    }

    /** An RFC 9457 problem response: the status, the media type and the whole body. */
    static void assertProblem(Result r, int status, String expectedJson) {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.status(), r.body());
        org.junit.jupiter.api.Assertions.assertEquals("application/problem+json",
                r.contentType().replace(";charset=UTF-8", ""));
        org.junit.jupiter.api.Assertions.assertEquals(expectedJson, r.body());
    }

    /** Sets the internal networks (CIDR blocks), keeping every other setting as it is. */
    static void internalNetworks(String... blocks) {
        changeSetting(null, "internalNetworks", Json.createArrayBuilder(List.of(blocks)).build());
    }

    /** Changes one setting, in a group such as "connections" or at the top ({@code null}), keeping the others. */
    static void changeSetting(String group, String name, JsonValue value) {
        Api admin = admin();
        JsonObject current = admin.get("/api/v1/settings").json();
        JsonObjectBuilder changed = Json.createObjectBuilder(current);
        if (group == null) {
            changed.add(name, value);
        } else {
            changed.add(group, Json.createObjectBuilder(current.getJsonObject(group)).add(name, value));
        }
        admin.expect(200, admin.put("/api/v1/settings", changed.build().toString()));
    }

    /** Checks the status and returns the result. */
    Result expect(int status, Result r) {
        if (r.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
        }
        return r;
    }

    /** One HTTP exchange. */
    record Result(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }

        JsonStructure jsonValue() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.read();
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    Result get(String path) {
        return send("GET", path, null, List.of());
    }

    Result post(String path, String json) {
        return send("POST", path, json, List.of());
    }

    Result put(String path, String json, String... headers) {
        return send("PUT", path, json, List.of(headers));
    }

    Result delete(String path, String... headers) {
        return send("DELETE", path, null, List.of(headers));
    }

    Result send(String method, String path, String json, List<String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Gateway.HTTP_PORT + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        // like any API client, JSON even without a body: the API refuses changes without it (cross-site forgery)
        boolean changes = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if ((json != null || changes) && headers.stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
