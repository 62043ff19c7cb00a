package io.sluice.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console and API for the people who are not administrators, in a real browser: a domain
 * administrator sees and releases only their domains' mail (by the page and by the API); a
 * mailbox owner logs in with the password the mail server accepts, releases what is held for
 * them alone and keeps sender lists the SMTP side honours; a digest's signed link releases once,
 * and not twice.
 */
class ScopedConsoleIT extends ConsoleTest {

    /** One transaction to several recipients that the gateway keeps (quarantines); returns its queue id. */
    private static String holdFor(String subject, String... to) throws IOException {
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<spammer@example.net>", "250 2.1.0 Ok");
            for (String r : to) {
                c.exchange("RCPT TO:<" + r + ">", "250 2.1.5 Ok");
            }
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw(ConsoleIT.gtube(subject, String.join(", ", to))).sendRaw(".\r\n");
            String reply = c.readLine();
            String queueId = Gateway.queueId(reply);
            assertEquals("250 2.0.0 Ok: queued as " + queueId, reply);
            return queueId;
        }
    }

    private static ConsoleBrowser.Tab logIn(String user, String password, String hash) {
        return logIn(1280, user, password, hash);
    }


    private static List<String> strings(JsonObject o, String name) {
        return o.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void aDomainAdministratorSeesAndReleasesOnlyTheirDomainsMail() throws Exception {
        String bobs = holdFor("For example com", "bob@example.com");
        String carols = holdFor("For example org", "carol@example.org");
        String both = holdFor("For both", "bob@example.com", "dave@example.org");
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"orgadmin\",\"role\":\"domainadmin\","
                + "\"domains\":[\"Example.ORG\"],\"password\":\"correct horse battery\"}"));
        assertEquals("{\"username\":\"orgadmin\",\"role\":\"domainadmin\",\"domains\":[\"example.org\"]",
                admin.get("/api/v1/users/orgadmin").body().replaceFirst(",\"createdAt\".*", ""));
        Api orgAdmin = Api.as("orgadmin", "correct horse battery");

        // by the API: the other domain's message does not exist, nor does the other recipient
        JsonObject list = orgAdmin.get("/api/v1/quarantine?state=HELD").json();
        assertEquals(2, list.getInt("total"));
        assertEquals(List.of(both, carols), list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("queueId")).toList());
        assertEquals(List.of("dave@example.org"), strings(orgAdmin.get("/api/v1/quarantine/" + both).json(), "recipients"));
        Api.assertProblem(orgAdmin.get("/api/v1/quarantine/" + bobs), 404, "{\"type\":\"about:blank\",\"title\":"
                + "\"Not Found\",\"status\":404,\"detail\":\"quarantined message " + bobs + " does not exist\"}");
        assertEquals(404, orgAdmin.get("/api/v1/quarantine/" + bobs + "/raw").status());
        assertEquals(404, orgAdmin.post("/api/v1/quarantine/" + bobs + "/release", null).status());
        assertEquals(404, orgAdmin.delete("/api/v1/quarantine/" + bobs).status());
        assertEquals(403, orgAdmin.get("/api/v1/tracking/statistics").status());
        assertEquals(403, orgAdmin.get("/api/v1/groups").status());
        assertEquals(403, orgAdmin.get("/api/v1/settings").status());
        assertEquals(403, orgAdmin.post("/api/v1/quarantine/" + carols + "/release?learn=ham", null).status());
        TrackingIT.tracked(admin, both); // the last of the three the tracking writer gets
        TrackingIT.tracked(admin, bobs);
        TrackingIT.tracked(admin, carols);
        List<String> tracked = orgAdmin.get("/api/v1/tracking?size=100").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(t -> t.getString("queueId")).toList();
        assertTrue(tracked.contains(carols) && tracked.contains(both) && !tracked.contains(bobs), tracked.toString());

        // by the page: only the quarantine and tracking, only their messages; the release goes to dave alone
        try (ConsoleBrowser.Tab tab = logIn("orgadmin", "correct horse battery", "#/quarantine")) {
            Page page = tab.page();
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK)).hasText(
                    new String[] {"Policies", "Quarantine", "Tracking"});
            Locator rows = page.locator("table.list tbody tr");
            assertThat(rows).hasCount(2);
            assertThat(page.locator("table.list")).not().containsText("For example com");
            assertThat(page.locator("table.list")).not().containsText("bob@example.com");
            tab.screenshot("domain-admin-quarantine");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("For both")).click();
            button(page, "Release").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released " + both + ".");
            assertThat(page.locator("dl.facts .state")).hasText("released");
            tab.assertNoProblems();
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("dave@example.org"), downstream.deliveries.get(0).recipients());
        // still held for bob; the administrator's release now goes to him alone
        JsonObject entry = admin.get("/api/v1/quarantine/" + both).json();
        assertEquals("HELD", entry.getString("state"));
        assertEquals(List.of("dave@example.org"), strings(entry, "releasedRecipients"));
        admin.expect(200, admin.post("/api/v1/quarantine/" + both + "/release", null));
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(List.of("bob@example.com"), downstream.deliveries.get(1).recipients());
        assertEquals("RELEASED", admin.get("/api/v1/quarantine/" + both).json().getString("state"));
        assertEquals(409, admin.post("/api/v1/quarantine/" + both + "/release", null).status());
    }

    @Test
    void aDomainAdministratorKeepsThePoliciesOfTheirDomainsOnlyAndCannotPutThemFirst() {
        long sales = admin.post("/api/v1/policies", "{\"name\":\"Sales\",\"recipients\":[{\"kind\":\"ADDRESS\","
                + "\"value\":\"sales@example.com\"}]}").json().getJsonNumber("id").longValue();
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"orgadmin\",\"role\":\"domainadmin\","
                + "\"domains\":[\"example.org\"],\"password\":\"correct horse battery\"}"));
        Api orgAdmin = Api.as("orgadmin", "correct horse battery");

        Api.assertProblem(orgAdmin.post("/api/v1/policies", "{\"name\":\"Everyone\",\"recipients\":[{\"kind\":\"ANY\"},"
                + "{\"kind\":\"ADDRESS\",\"value\":\"ceo@example.com\"},{\"kind\":\"DOMAIN\",\"value\":\"example.org\"}]}"),
                400, "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"2 fields are invalid\",\"errors\":[{\"field\":\"recipients[0].kind\",\"message\":"
                        + "\"must be an address or a domain of yours\"},{\"field\":\"recipients[1].value\",\"message\":"
                        + "\"is outside your domains\"}]}");
        // asked to be first, it is placed after the administrator's
        JsonObject mine = orgAdmin.expect(201, orgAdmin.post("/api/v1/policies", "{\"name\":\"Org\",\"position\":0,"
                + "\"recipients\":[{\"kind\":\"DOMAIN\",\"value\":\"example.org\"}]}")).json();
        assertEquals(List.of("Sales", "Org", "Default"), admin.get("/api/v1/policies").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList());
        assertEquals(List.of("Org"), orgAdmin.get("/api/v1/policies").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList());
        assertEquals(404, orgAdmin.get("/api/v1/policies/" + sales).status());
        assertEquals(404, orgAdmin.delete("/api/v1/policies/" + sales).status());
        assertEquals(403, orgAdmin.put("/api/v1/policies/order", "{\"ids\":[" + mine.getJsonNumber("id") + "," + sales
                + "]}").status());
        assertEquals(403, orgAdmin.get("/api/v1/policies/resolve?recipient=dave@example.org").status());

        try (ConsoleBrowser.Tab tab = logIn("orgadmin", "correct horse battery", "#/policies")) {
            Page page = tab.page();
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK)).hasText(
                    new String[] {"Policies", "Quarantine", "Tracking"});
            assertThat(page.locator("table.policies tbody tr")).hasCount(1);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move Org up"))).hasCount(0);
            assertThat(page.locator("#explain")).hasCount(0);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Org")).click();
            page.getByLabel("Recipient 1: value").fill("example.com");
            button(page, "Save policy").click();
            assertThat(page.locator("#pe-recipients-0-value-error")).hasText("is outside your domains");
            tab.assertRefusals("400 /api/v1/policies/" + mine.getJsonNumber("id"));
            tab.screenshot("domain-admin-policy");
            page.getByLabel("Recipient 1: value").fill("example.org");
            page.getByLabel("Description").fill("Our own");
            button(page, "Save policy").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Saved Org.");
            tab.assertNoProblems();
        }
        assertEquals("Our own", admin.get("/api/v1/policies/" + mine.getJsonNumber("id")).json().getString("description"));
    }

    @Test
    void aMailboxOwnerLogsInWithTheMailServersPasswordReleasesTheirOwnAndKeepsSenderLists() throws Exception {
        downstream.accounts.put("bob@example.com", "bob's mail password");
        String shared = holdFor("Shared offer", "bob@example.com", "carol@example.com");
        holdFor("Carol's own offer", "carol@example.com");

        assertEquals(401, Api.as("bob@example.com", "a wrong password").get("/api/v1/quarantine").status());
        Api bob = Api.as("bob@example.com", "bob's mail password");
        JsonObject list = bob.get("/api/v1/quarantine").json();
        assertEquals(1, list.getInt("total"));
        assertEquals(List.of("bob@example.com"), strings(list.getJsonArray("items").getJsonObject(0), "recipients"));
        assertEquals(403, bob.get("/api/v1/tracking").status());
        assertEquals(403, bob.get("/api/v1/users").status());

        try (ConsoleBrowser.Tab tab = logIn("bob@example.com", "bob's mail password", "#/quarantine")) {
            Page page = tab.page();
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK)).hasText(
                    new String[] {"Quarantine", "My senders"});
            assertThat(page.locator("table.list tbody tr")).hasCount(1);
            assertThat(page.locator("table.list")).not().containsText("carol@example.com");
            tab.screenshot("mailbox-quarantine");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Shared offer")).click();
            button(page, "Release").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released " + shared + ".");
            assertThat(page.locator("dl.facts .state")).hasText("released");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My senders")).click();
            page.getByLabel("Sender address or @domain").fill("@example.net");
            page.getByLabel("List").selectOption("BLOCK");
            button(page, "Add").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("@example.net is on your block list now.");
            page.getByLabel("Sender address or @domain").fill("not an address");
            button(page, "Add").click();
            assertThat(page.locator("#s-sender-error")).hasText(
                    "must be an address (someone@example.com) or a domain (@example.com)");
            tab.assertRefusals("400 /api/v1/senders");
            tab.screenshot("mailbox-senders");
            tab.assertNoProblems();
        }
        try {
            theReleaseWentToBobAloneAndTheListsApplyAtRcpt(bob, shared);
        } finally {
            // the lists outlive the test: other tests send from these senders to bob
            for (var e : bob.get("/api/v1/senders").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
                bob.expect(204, bob.delete("/api/v1/senders/" + e.getString("sender")));
            }
        }
    }

    private void theReleaseWentToBobAloneAndTheListsApplyAtRcpt(Api bob, String shared) throws Exception {
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("bob@example.com"), downstream.deliveries.get(0).recipients());
        JsonObject entry = admin.get("/api/v1/quarantine/" + shared).json();
        assertEquals("HELD", entry.getString("state"));
        assertEquals(List.of("bob@example.com"), strings(entry, "releasedRecipients"));

        // the block list at RCPT, for bob only
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<spammer@example.net>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<bob@example.com>",
                    "550 5.7.1 Error: <bob@example.com> does not take mail from <spammer@example.net>");
            c.exchange("RCPT TO:<carol@example.com>", "250 2.1.5 Ok");
        }
        // an allowed sender's spam is delivered to bob; a recipient that does not allow it waits for its own transaction
        bob.expect(200, bob.post("/api/v1/senders", "{\"sender\":\"friend@example.org\",\"kind\":\"ALLOW\"}"));
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<friend@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
            c.exchange("RCPT TO:<carol@example.com>", "452 4.5.3 Error: <carol@example.com> does not allow this "
                    + "sender, unlike the other recipients; send to it in a new transaction");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw(ConsoleIT.gtube("Friendly", "bob@example.com")).sendRaw(".\r\n");
            assertTrue(c.readLine().matches("250 2\\.0\\.0 Ok: queued as \\w+ \\(downstream: .*\\)"));
        }
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(List.of("bob@example.com"), downstream.deliveries.get(1).recipients());
    }

    @Test
    void aDigestLinkShowsTheMessageAndReleasesItOnceAndNotTwice() throws Exception {
        String held = holdFor("Linked offer", "bob@example.com", "carol@example.com");
        Api.changeSetting("notifications", "consoleUrl", jakarta.json.Json.createValue("http://localhost:"
                + Gateway.HTTP_PORT + "/"));
        Api.changeSetting("notifications", "digestIntervalSeconds", jakarta.json.Json.createValue(1));
        // one digest each for bob and carol
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(15));
        String digest = downstream.deliveries.stream().filter(d -> d.recipients().equals(List.of("bob@example.com")))
                .findFirst().orElseThrow().text();
        Matcher link = Pattern.compile("    (http://localhost:" + Gateway.HTTP_PORT + "/#/held/([A-Za-z0-9_.-]+))\r\n")
                .matcher(digest);
        assertTrue(link.find(), digest);
        String token = link.group(2);
        int before = downstream.deliveries.size();
        assertEquals(2, before);

        // an altered token grants nothing, and the links' path opens no other door
        assertEquals(401, Api.anonymous().get("/api/v1/links/" + token + "/../../quarantine").status());
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertEquals(404, Api.anonymous().get("/api/v1/links/" + altered).status());

        try (ConsoleBrowser.Tab tab = browser.open(390, 800)) {
            Page page = tab.page();
            page.navigate(link.group(1).substring(("http://localhost:" + Gateway.HTTP_PORT).length()));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Linked offer");
            assertThat(page.locator("dl.facts dd").nth(2)).hasText("bob@example.com");
            tab.screenshot("digest-link");
            button(page, "Release to bob@example.com").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released: the message is on its way to you.");
            assertThat(page.locator(".actions .state")).hasText("released");
            tab.assertNoProblems();
        }
        Gateway.await(() -> downstream.deliveries.size() == before + 1, Duration.ofSeconds(5));
        assertEquals(List.of("bob@example.com"), downstream.deliveries.get(before).recipients());
        // the second use is refused, and nothing more is sent
        Api.assertProblem(Api.anonymous().post("/api/v1/links/" + token + "/release", null), 409,
                "{\"type\":\"urn:sluice:problem:conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":"
                        + "\"quarantined message " + held + " is released already\"}");
        assertEquals(before + 1, downstream.deliveries.size());
        assertEquals("HELD", admin.get("/api/v1/quarantine/" + held).json().getString("state"));
        JsonObject audit = admin.get("/api/v1/audit?size=5").json().getJsonArray("items").getJsonObject(0);
        assertEquals("digest link", audit.getString("user"));
        assertEquals("release", audit.getString("action"));
    }
}
