package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.sluice.it.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API: authentication and roles, CRUD round trips, validation, versions, paging, problems. */
class AdminApiIT extends GatewayTest {

    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    @Test
    void nothingAnswersWithoutCredentials() {
        Api.Result r = Api.anonymous().get("/api/v1/policies");
        assertProblem(r, 401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"credentials are required (HTTP Basic or a console login, a user of the Sluice admin API)\"}");
        assertEquals("Basic realm=\"Sluice admin API\", charset=\"UTF-8\"", r.header("WWW-Authenticate"));
        assertEquals(401, Api.as("admin", "not-the-password").get("/api/v1/status").status());
        assertEquals(401, Api.anonymous().post("/api/v1/groups", "{\"name\":\"x\"}").status());
        assertEquals(401, Api.anonymous().get("/api/v1/status").status());
    }

    @Test
    void anAuditorMayReadButNotChange() {
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"audit\",\"role\":\"auditor\","
                + "\"password\":\"correct horse battery\"}"));
        Api auditor = Api.as("audit", "correct horse battery");
        assertEquals(200, auditor.get("/api/v1/policies").status());
        assertEquals(200, auditor.get("/api/v1/status").status());
        assertProblem(auditor.post("/api/v1/groups", "{\"name\":\"x\"}"), 403, "{\"type\":\"about:blank\","
                + "\"title\":\"Forbidden\",\"status\":403,\"detail\":\"this user's role may not do this (changes need "
                + "the role admin)\"}");
        assertEquals(403, auditor.delete("/api/v1/policies/1").status());
        assertEquals(403, auditor.put("/api/v1/users/audit/password", "{\"password\":\"another long one\"}").status());

        admin.expect(204, admin.put("/api/v1/users/audit/password", "{\"password\":\"another long one\"}"));
        assertEquals(401, Api.as("audit", "correct horse battery").get("/api/v1/policies").status());
        assertEquals(200, Api.as("audit", "another long one").get("/api/v1/policies").status());
    }

    @Test
    void theLastAdminStays() {
        assertProblem(admin.delete("/api/v1/users/admin"), 409, "{\"type\":\"urn:sluice:problem:conflict\","
                + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"admin is the last admin; make another user admin "
                + "first\"}");
        JsonObject me = admin.get("/api/v1/users/admin").json();
        assertEquals(409, admin.put("/api/v1/users/admin", "{\"role\":\"auditor\",\"version\":"
                + me.getJsonNumber("version") + "}").status());
        JsonObject users = admin.get("/api/v1/users").json();
        assertEquals(1, users.getInt("total"));
        assertEquals("admin", users.getJsonArray("items").getJsonObject(0).getString("username"));
        assertEquals(false, users.getJsonArray("items").getJsonObject(0).containsKey("password"));
    }

    @Test
    void aPolicyRoundTrip() {
        admin.expect(201, admin.post("/api/v1/groups", "{\"name\":\"executives\",\"description\":\"the board\","
                + "\"members\":[\"ceo@example.com\",\"CFO@Example.com\",\"*.board.example.com\"]}"));
        String body = "{\"name\":\"Executives\",\"description\":\"mail to the board\",\"direction\":\"INBOUND\","
                + "\"recipients\":[{\"kind\":\"GROUP\",\"value\":\"executives\"}],"
                + "\"senderExceptions\":[{\"kind\":\"ADDRESS\",\"value\":\"newsletter@news.example.org\"}],"
                + "\"rules\":[{\"name\":\"big\",\"filter\":{\"type\":\"SIZE_OVER\",\"threshold\":10485760},"
                + "\"actions\":[{\"type\":\"REJECT\",\"code\":552,\"status\":\"5.3.4\",\"text\":\"Too big for the board\"}]},"
                + "{\"name\":\"mark\",\"filter\":{\"type\":\"ALWAYS\"},\"actions\":[{\"type\":\"ADD_HEADER\","
                + "\"header\":\"X-Board\",\"value\":\"yes\"}]}]}";
        Api.Result created = admin.expect(201, admin.post("/api/v1/policies", body));
        JsonObject p = created.json();
        long id = p.getJsonNumber("id").longValue();
        assertEquals("http://127.0.0.1:" + Gateway.HTTP_PORT + "/api/v1/policies/" + id, created.header("Location"));
        assertEquals("\"0\"", created.header("ETag"));
        assertEquals("{\"id\":" + id + ",\"version\":0,\"name\":\"Executives\",\"description\":\"mail to the board\","
                + "\"position\":10,\"enabled\":true,\"direction\":\"INBOUND\",\"isDefault\":false,"
                + "\"senders\":[{\"kind\":\"ANY\"}],\"recipients\":[{\"kind\":\"GROUP\",\"value\":\"executives\"}],"
                + "\"senderExceptions\":[{\"kind\":\"ADDRESS\",\"value\":\"newsletter@news.example.org\"}],"
                + "\"recipientExceptions\":[],\"rules\":[{\"name\":\"big\",\"filter\":{\"type\":\"SIZE_OVER\","
                + "\"threshold\":1.048576E7,\"regex\":false,\"caseInsensitive\":false},\"actions\":[{\"type\":\"REJECT\","
                + "\"code\":552,\"status\":\"5.3.4\",\"text\":\"Too big for the board\"}]},{\"name\":\"mark\",\"filter\":"
                + "{\"type\":\"ALWAYS\",\"regex\":false,\"caseInsensitive\":false},\"actions\":[{\"type\":\"ADD_HEADER\","
                + "\"header\":\"X-Board\",\"value\":\"yes\"}]}]}", created.body());

        Api.Result read = admin.get("/api/v1/policies/" + id);
        assertEquals(created.body(), read.body());
        assertEquals("\"0\"", read.header("ETag"));

        String renamed = body.replace("\"Executives\"", "\"Board\"");
        Api.Result updated = admin.expect(200, admin.put("/api/v1/policies/" + id, renamed, "If-Match", "\"0\""));
        assertEquals("\"1\"", updated.header("ETag"));
        assertEquals("Board", updated.json().getString("name"));
        // a second writer who read version 0 loses: 412 by If-Match, 409 by the version in the body
        assertProblem(admin.put("/api/v1/policies/" + id, body, "If-Match", "\"0\""), 412,
                "{\"type\":\"urn:sluice:problem:stale-version\",\"title\":\"Stale version\",\"status\":412,\"detail\":"
                        + "\"policy " + id + " is at version 1, not 0: read it again and redo the change\"}");
        assertProblem(admin.put("/api/v1/policies/" + id, body.replace("{\"name\"", "{\"version\":0,\"name\""), new String[0]),
                409, "{\"type\":\"urn:sluice:problem:stale-version\",\"title\":\"Stale version\",\"status\":409,"
                        + "\"detail\":\"policy " + id + " is at version 1, not 0: read it again and redo the change\"}");
        assertEquals(428, admin.put("/api/v1/policies/" + id, body, new String[0]).status());

        // the group is in use now
        long group = admin.get("/api/v1/groups").json().getJsonArray("items").getJsonObject(0).getJsonNumber("id")
                .longValue();
        assertProblem(admin.delete("/api/v1/groups/" + group), 409, "{\"type\":\"urn:sluice:problem:conflict\","
                + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"group executives is used by the policies [Board]\"}");

        admin.expect(204, admin.delete("/api/v1/policies/" + id, "If-Match", "\"1\""));
        assertProblem(admin.get("/api/v1/policies/" + id), 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"policy " + id + " does not exist\"}");
        admin.expect(204, admin.delete("/api/v1/groups/" + group));
    }

    /**
     * A refusal's enhanced status code is well formed and of its reply code's class; and a
     * case-insensitive expression RE2J would compile for ever (a class range from a C escape across
     * U+1C80) is refused at once rather than hanging the request.
     */
    @Test
    void rejectStatusesAndExpressionsThatCannotBeCompiledAreRefused() {
        assertProblem(admin.post("/api/v1/policies", "{\"name\":\"Statuses\",\"rules\":["
                        + "{\"filter\":{\"type\":\"SUBJECT\",\"pattern\":\"a\"},\"actions\":[{\"type\":\"REJECT\",\"code\":550,\"status\":\"5.7\"}]},"
                        + "{\"filter\":{\"type\":\"SUBJECT\",\"pattern\":\"b\"},\"actions\":[{\"type\":\"REJECT\",\"code\":550,\"status\":\"4.7.1\"}]},"
                        + "{\"filter\":{\"type\":\"SUBJECT\",\"pattern\":\"[\\\\a-\\\\x{4000}]\",\"regex\":true,\"caseInsensitive\":true},"
                        + "\"actions\":[{\"type\":\"REJECT\",\"code\":550,\"status\":\"5.7.1\"}]}]}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"3 fields are invalid\",\"errors\":["
                        + "{\"field\":\"rules[0].actions[0].status\",\"message\":\"must be an enhanced status code such as 5.7.1\"},"
                        + "{\"field\":\"rules[1].actions[0].status\",\"message\":\"must be of the same class as the code (5.x.x)\"},"
                        + "{\"field\":\"rules[2].filter.pattern\",\"message\":\"is not a valid regular expression: cannot be matched "
                        + "ignoring case: it contains U+1C80 (CYRILLIC SMALL LETTER ROUNDED VE), which the regular expression engine "
                        + "cannot fold; match case for it or leave it out\"}]}");
    }

    @Test
    void invalidInputNamesEveryWrongField() {
        assertProblem(admin.post("/api/v1/policies", "{\"name\":\"\",\"position\":-1,"
                        + "\"recipients\":[{\"kind\":\"GROUP\",\"value\":\"nobody\"},{\"kind\":\"DOMAIN\",\"value\":\"not a domain\"}],"
                        + "\"rules\":[{\"filter\":{\"type\":\"HEADER\",\"header\":\"Received\",\"pattern\":\"([a-z\"},"
                        + "\"actions\":[{\"type\":\"REJECT\",\"code\":250},{\"type\":\"REDIRECT\"}]},"
                        + "{\"filter\":{\"type\":\"CLIENT_IP\",\"pattern\":\"10.0.0.0/33\"},\"actions\":[]}]}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"9 fields are invalid\",\"errors\":["
                        + "{\"field\":\"name\",\"message\":\"must not be blank\"},"
                        + "{\"field\":\"position\",\"message\":\"must be greater than or equal to 0\"},"
                        + "{\"field\":\"recipients[0].value\",\"message\":\"no address group is called nobody\"},"
                        + "{\"field\":\"recipients[1].value\",\"message\":\"is not a domain name\"},"
                        + "{\"field\":\"rules[0].actions[0].code\",\"message\":\"must be a reply code for a refused message: "
                        + "450, 451, 452, 550, 551, 552, 553 or 554\"},"
                        + "{\"field\":\"rules[0].actions[1].address\",\"message\":\"is required for REDIRECT\"},"
                        + "{\"field\":\"rules[0].filter.pattern\",\"message\":\"is not a valid regular expression: "
                        + "missing closing ] `[a-z`\"},"
                        + "{\"field\":\"rules[1].actions\",\"message\":\"must not be empty\"},"
                        + "{\"field\":\"rules[1].filter.pattern\",\"message\":\"prefix length out of range in 10.0.0.0/33\"}]}");
        assertProblem(admin.post("/api/v1/policies", "{\"name\":\"x\",\"direction\":\"SIDEWAYS\"}"), 400,
                "{\"type\":\"urn:sluice:problem:unreadable-body\",\"title\":\"Unreadable body\",\"status\":400,"
                        + "\"detail\":\"the body is not valid JSON for this operation: No enum constant "
                        + "io.sluice.policy.Direction.SIDEWAYS\"}");
        assertEquals(400, admin.post("/api/v1/policies", "{\"name\":").status());
        assertProblem(admin.get("/api/v1/policies?size=0"), 400, "{\"type\":\"urn:sluice:problem:invalid-request\","
                + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 field is invalid\",\"errors\":["
                + "{\"field\":\"size\",\"message\":\"must be from 1 to 500\"}]}");
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Taken\"}"));
        assertProblem(admin.post("/api/v1/policies", "{\"name\":\"Taken\"}"), 400, "{\"type\":\"urn:sluice:problem:"
                + "invalid-request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 field is invalid\","
                + "\"errors\":[{\"field\":\"name\",\"message\":\"another policy is already called Taken\"}]}");
    }

    @Test
    void theDefaultPolicyCannotBeDeletedNarrowedOrDisabled() {
        JsonObject d = admin.get("/api/v1/policies").json().getJsonArray("items").getJsonObject(0);
        assertEquals(true, d.getBoolean("isDefault"));
        long id = d.getJsonNumber("id").longValue();
        assertProblem(admin.delete("/api/v1/policies/" + id), 409, "{\"type\":\"urn:sluice:problem:conflict\","
                + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"the default policy cannot be deleted\"}");
        Api.Result narrowed = admin.put("/api/v1/policies/" + id, "{\"name\":\"Default\",\"enabled\":false,"
                + "\"recipients\":[{\"kind\":\"DOMAIN\",\"value\":\"example.com\"}],\"version\":"
                + d.getJsonNumber("version") + "}");
        assertEquals(400, narrowed.status(), narrowed.body());
        assertEquals("[{\"field\":\"enabled\",\"message\":\"the default policy cannot be disabled\"},{\"field\":"
                + "\"recipients\",\"message\":\"the default policy applies to every message and cannot be narrowed\"}]",
                narrowed.json().getJsonArray("errors").toString());
    }

    @Test
    void policiesAreReorderedAndExplained() {
        long a = admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"A\",\"recipients\":[{\"kind\":"
                + "\"DOMAIN\",\"value\":\"example.com\"}]}")).json().getJsonNumber("id").longValue();
        long b = admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"B\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"ceo@example.com\"}]}")).json().getJsonNumber("id").longValue();
        JsonObject before = admin.get("/api/v1/policies/resolve?sender=x@outside.org&recipient=ceo@example.com").json();
        assertEquals("A", before.getJsonObject("policy").getString("name"));

        Api.Result reordered = admin.put("/api/v1/policies/order", "{\"ids\":[" + b + "," + a + "]}");
        assertEquals(200, reordered.status(), reordered.body());
        JsonObject after = admin.get("/api/v1/policies/resolve?sender=x@outside.org&recipient=ceo@example.com").json();
        assertEquals("{\"sender\":\"x@outside.org\",\"recipient\":\"ceo@example.com\",\"authenticated\":false,"
                + "\"outbound\":false,\"policy\":{\"id\":" + b + ",\"name\":\"B\"},\"steps\":[{\"policyId\":" + b
                + ",\"policyName\":\"B\",\"outcome\":\"MATCHED\"}]}", after.toString());
        JsonObject other = admin.get("/api/v1/policies/resolve?sender=x@outside.org&recipient=bob@elsewhere.org").json();
        assertEquals("[{\"policyId\":" + b + ",\"policyName\":\"B\",\"outcome\":\"RECIPIENT_NOT_MATCHED\"},"
                + "{\"policyId\":" + a + ",\"policyName\":\"A\",\"outcome\":\"RECIPIENT_NOT_MATCHED\"},"
                + "{\"policyId\":1,\"policyName\":\"Default\",\"outcome\":\"MATCHED\"}]",
                other.getJsonArray("steps").toString());
        assertEquals(400, admin.put("/api/v1/policies/order", "{\"ids\":[" + a + "]}").status());
    }

    @Test
    void internalDomainsPageAndInternalNetworksMakeMailOutbound() {
        for (String d : new String[] {"c.example", "A.example", "b.example"}) {
            admin.expect(201, admin.post("/api/v1/internal-domains", "{\"name\":\"" + d + "\"}"));
        }
        JsonObject page = admin.get("/api/v1/internal-domains?page=1&size=2").json();
        assertEquals(3, page.getInt("total"));
        assertEquals(1, page.getInt("page"));
        assertEquals(2, page.getInt("size"));
        assertEquals(1, page.getJsonArray("items").size());
        assertEquals("c.example", page.getJsonArray("items").getJsonObject(0).getString("name"));
        assertEquals(400, admin.post("/api/v1/internal-domains", "{\"name\":\"a.example\"}").status());
        // an internal sender domain no longer makes mail outbound; the client's network does
        assertEquals(false, admin.get("/api/v1/policies/resolve?sender=me@a.example&recipient=x@y.org"
                + "&client=203.0.113.9").json().getBoolean("outbound"));
        Api.internalNetworks("192.0.2.0/24", "2001:db8::/32");
        assertEquals(true, admin.get("/api/v1/policies/resolve?sender=me@a.example&recipient=x@y.org"
                + "&client=192.0.2.7").json().getBoolean("outbound"));
        assertEquals("{\"sender\":\"\",\"recipient\":\"x@y.org\",\"client\":\"2001:db8::25\",\"authenticated\":false,"
                + "\"outbound\":true,\"policy\":{\"id\":1,\"name\":\"Default\"},\"steps\":[{\"policyId\":1,"
                + "\"policyName\":\"Default\",\"outcome\":\"MATCHED\"}]}",
                admin.get("/api/v1/policies/resolve?recipient=x@y.org&client=2001:db8::25").body());
        assertProblem(admin.get("/api/v1/policies/resolve?recipient=x@y.org&client=mail.example.org"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"client\",\"message\":"
                + "\"is not an IP address\"}]}");
    }

    @Test
    void settingsAreReadAndChangedWithTheirVersion() {
        Api.Result s = admin.get("/api/v1/settings");
        assertEquals("{\"version\":" + s.json().getJsonNumber("version") + ",\"headerPrefix\":\"X-\","
                + "\"internalNetworks\":[],\"virus\":{"
                + "\"engines\":\"EMBEDDED\",\"onFailure\":\"TEMPFAIL\",\"clamdAddress\":\"127.0.0.1:3310\","
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
                + "\"localPolicyDomains\":[],\"trustedForwarders\":[],\"trustedArcSealers\":[]}}", s.body());
        long v = s.json().getJsonNumber("version").longValue();
        Api.Result bad = admin.put("/api/v1/settings", "{\"adminAddress\":\"not an address\",\"headerPrefix\":\"X Y\","
                + "\"virus\":{\"engines\":\"CLAMD\",\"onFailure\":\"PASS\",\"clamdAddress\":\"localhost\","
                + "\"clamdStreamMaxBytes\":10},\"version\":" + v + "}");
        assertEquals("[{\"field\":\"adminAddress\",\"message\":\"is not an e-mail address\"},{\"field\":\"headerPrefix\","
                + "\"message\":\"must be letters, digits and dashes, e.g. X- or X-Sluice-\"},{\"field\":"
                + "\"virus.clamdAddress\",\"message\":\"must be host:port or unix:/path\"},{\"field\":"
                + "\"virus.clamdStreamMaxBytes\",\"message\":\"must be greater than or equal to 1024\"}]",
                bad.json().getJsonArray("errors").toString());
        assertProblem(admin.put("/api/v1/settings", "{\"headerPrefix\":\"X-\",\"internalNetworks\":[\"10.0.0.0/8\","
                + "\"10.0.0.0/x\",\"2001:db8::/129\",\"mail.example.org\"],\"version\":" + v + "}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"3 fields are invalid\",\"errors\":[{\"field\":\"internalNetworks[1]\",\"message\":"
                + "\"bad prefix length in 10.0.0.0/x\"},{\"field\":\"internalNetworks[2]\",\"message\":"
                + "\"prefix length out of range in 2001:db8::/129\"},{\"field\":\"internalNetworks[3]\",\"message\":"
                + "\"not an IP address: mail.example.org\"}]}");
        Api.Result ok = admin.expect(200, admin.put("/api/v1/settings", "{\"adminAddress\":\"postmaster@example.com\","
                + "\"headerPrefix\":\"X-Sluice-\",\"internalNetworks\":[\" 10.0.0.0/8\",\"2001:db8::/32\"],"
                + "\"version\":" + v + "}"));
        assertEquals("postmaster@example.com", ok.json().getString("adminAddress"));
        assertEquals("[\"10.0.0.0/8\",\"2001:db8::/32\"]", ok.json().getJsonArray("internalNetworks").toString());
        assertEquals("\"" + (v + 1) + "\"", ok.header("ETag"));
        Api.Result kept = admin.expect(200, admin.put("/api/v1/settings", "{\"headerPrefix\":\"X-\",\"version\":"
                + (v + 1) + "}"));
        assertEquals("[\"10.0.0.0/8\",\"2001:db8::/32\"]", kept.json().getJsonArray("internalNetworks").toString());
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Api.Result r = Api.anonymous().get("/openapi");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("title: Sluice admin API"), r.body().substring(0, 300));
        assertTrue(r.body().contains("/api/v1/policies/{id}:"));
        assertTrue(r.body().contains("/api/v1/policies/resolve:"));
        assertTrue(r.body().contains("- ENCRYPTED_ARCHIVE"), "the filter types are listed");
    }
}
