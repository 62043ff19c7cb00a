package io.sluice.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser: an administrator releases a quarantined message from the
 * Quarantine page and the mail server gets it once; the dashboard and tracking show the traffic;
 * an auditor gets no change buttons; another site's form cannot change anything; the pages work
 * under their Content-Security-Policy, by keyboard and at phone width. Screenshots of every page
 * go to target/screenshots.
 */
class ConsoleIT extends ConsoleTest {

    private static final int WIDE = 1280;
    private static final int PHONE = 390;

    /** GTUBE to bob@example.com: the default policy holds it. */
    static String gtube(String subject) {
        return gtube(subject, "bob@example.com");
    }

    static String gtube(String subject, String to) {
        return "From: spammer@example.net\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                + "Date: Mon, 30 Nov 2026 08:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '-')
                + "@example.net>\r\n\r\nBuy now.\r\n" + ScanningIT.GTUBE + "\r\n";
    }

    private ConsoleBrowser.Tab logInAsAdmin(int width, String hash) {
        return logIn(width, "admin", Api.adminPassword(), hash);
    }


    @Test
    void aMessageReleasedFromTheQuarantinePageReachesTheMailServerOnce() throws Exception {
        String content = gtube("Cheap watches");
        String queueId = Gateway.sendKept("spammer@example.net", "bob@example.com", content);
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/quarantine")) {
            Page page = tab.page();
            Locator rows = page.locator("table.list tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows.first().locator("td")).containsText(new String[] {"spammer@example.net", "bob@example.com",
                    "Cheap watches", "held"});
            tab.screenshot("quarantine-list");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cheap watches")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Cheap watches");
            // the text, escaped, in a frame that runs no script
            assertThat(page.locator("iframe.preview")).hasAttribute("sandbox", "");
            assertThat(page.frameLocator("iframe.preview").locator("pre")).hasText("Buy now.\n" + ScanningIT.GTUBE + "\n");
            tab.screenshot("quarantine-message");

            button(page, "Release").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released " + queueId + ".");
            assertThat(page.locator("dl.facts .state")).hasText("released");
            assertThat(button(page, "Release")).hasCount(0);
            tab.screenshot("quarantine-released");
            // the list, shown again after another page, is searched again: nothing is held now
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tracking").setExact(true)).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quarantine").setExact(true)).click();
            assertThat(page.locator("main p.quiet")).hasText("0 messages match.");
            tab.assertNoProblems();
        }
        QuarantineIT.assertReleasedOnce(downstream, queueId, "spammer@example.net", content);
    }

    @Test
    void theSelectedMessagesAreReleasedAndTheRestDeletedAsAllMatching() throws Exception {
        String first = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("First offer"));
        String second = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Second offer"));
        String third = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Third offer"));
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/quarantine")) {
            Page page = tab.page();
            assertThat(page.locator("table.list tbody tr")).hasCount(3);
            page.getByLabel("Select First offer").check();
            page.getByLabel("Select Third offer").check();
            button(page, "Release selected (2)").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released 2 of 2.");
            // the search shows held messages: the released two are gone from it
            assertThat(page.locator("table.list tbody tr")).hasCount(1);
            button(page, "Delete all 1 matching").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted 1 of 1 matching.");
            assertThat(page.locator("table.list tbody tr")).hasCount(0);
            assertEquals(List.of("Delete all 1 matching messages for good?"), tab.dialogs());
            tab.assertNoProblems();
        }
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(Stream.of(first, third).sorted().toList(), downstream.deliveries.stream()
                .map(d -> gatewayId(TraceHeader.split(d.content()).received())).sorted().toList());
        assertEquals(404, admin.get("/api/v1/quarantine/" + second).status());
        assertEquals("RELEASED", admin.get("/api/v1/quarantine/" + first).json().getString("state"));
        assertEquals("RELEASED", admin.get("/api/v1/quarantine/" + third).json().getString("state"));
    }

    /** The queue id in the gateway's Received: field ("... with ESMTP id ID ..."). */
    private static String gatewayId(String received) {
        Matcher m = Pattern.compile(" id (\\w+)").matcher(received);
        assertTrue(m.find(), received);
        return m.group(1);
    }

    @Test
    void theDashboardAndTrackingShowTheTransactions() throws IOException {
        // greylisting on, every loopback client exempt: the clean message's check result is "exempt"
        Api.changeSetting("senderChecks", "greylisting", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "greylistExempt", Json.createArrayBuilder(List.of("127.0.0.0/8")).build());
        try {
            dashboardAndTracking();
        } finally {
            Api.resetConfiguration();
        }
    }

    private void dashboardAndTracking() throws IOException {
        String clean = "From: console-ann@example.org\r\nTo: bob@example.com\r\nSubject: Minutes\r\n"
                + "Date: Mon, 30 Nov 2026 08:00:00 +0000\r\nMessage-ID: <minutes@example.org>\r\n\r\nThe minutes.\r\n";
        String reply = Gateway.send("console-ann@example.org", "bob@example.com", clean);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        String queueId = Gateway.queueId(reply);
        String held = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Dashboard offer"));
        // the statistics count what the tracking writer has written (it batches)
        TrackingIT.tracked(admin, queueId);
        TrackingIT.tracked(admin, held);
        JsonObject statistics = admin.get("/api/v1/tracking/statistics?per=hour").json();
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/dashboard")) {
            Page page = tab.page();
            Locator cards = page.locator("section[aria-labelledby=last-day] dl.cards");
            // the page groups thousands as English does (format.js), and earlier tests may have sent over a thousand
            assertThat(cards.locator("div").first()).hasText("Messages" + NumberFormat.getIntegerInstance(
                    Locale.ENGLISH).format(statistics.getJsonObject("totals").getJsonNumber("messages").longValue()));
            assertThat(page.locator("figure.chart canvas")).hasCount(5);
            // the top senders as the API counts them: this test's sender among them only if earlier tests sent less
            String[] top = statistics.getJsonArray("topSenders").stream()
                    .map(c -> c.asJsonObject().getString("key")).toArray(String[]::new);
            assertTrue(top.length > 0 && top.length <= 10, String.join(", ", top));
            assertThat(page.locator("section[aria-labelledby=top-senders] li")).containsText(top);
            long exempt = statistics.getJsonObject("senderChecks").getJsonObject("greylist").getJsonNumber("exempt").longValue();
            assertTrue(exempt >= 1, statistics.toString());
            assertThat(page.locator("section[aria-labelledby=greylisting] li")
                    .filter(new Locator.FilterOptions().setHasText("exempt")).locator(".n"))
                    .hasText(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(exempt));
            assertThat(page.locator("section[aria-labelledby=server] table").first()).containsText(":" + Gateway.SMTP_PORT);
            assertThat(page.locator("section[aria-labelledby=server] table").nth(1)).containsText(":" + Gateway.DOWNSTREAM_PORT);
            tab.screenshot("dashboard");

            page.navigate("/#/tracking");
            page.getByLabel("Sender contains").fill("console-ann@example.org");
            button(page, "Search").click();
            Locator rows = page.locator("table.list tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows.first().locator("td")).containsText(new String[] {queueId, "console-ann@example.org",
                    "bob@example.com", "clean", "delivered", "Default"});
            tab.screenshot("tracking-search");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(queueId)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Transaction " + queueId);
            assertThat(page.locator("dl.facts dd").first()).hasText("delivered");
            assertThat(page.locator("dl.facts dd").nth(1)).hasText(reply);
            assertThat(page.locator("dl.checks dt")).hasText(new String[] {"SPF", "DKIM", "DMARC", "DNS block lists",
                    "Greylisting"});
            assertThat(page.locator("dl.checks dd")).hasText(new String[] {"not checked", "not checked", "not checked",
                    "nothing listed", "exempt"});
            tab.screenshot("tracking-transaction");

            page.navigate("/#/tracking");
            page.getByLabel("Sender contains").fill("console-ann@example.org");
            page.getByLabel("Greylisting").selectOption("passed");
            button(page, "Search").click();
            assertThat(page.locator("p.quiet").first()).hasText("0 transactions match.");
            page.getByLabel("Greylisting").selectOption("exempt");
            button(page, "Search").click();
            assertThat(rows).hasCount(1);
            assertThat(rows.first().locator("td").nth(1)).hasText(queueId);

            page.navigate("/#/tracking/" + held);
            assertThat(page.locator("dl.facts dd").first()).hasText("quarantined (in the quarantine)");
            assertThat(page.locator("dl.facts dd").nth(1)).hasText("250 2.0.0 Ok: queued as " + held);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("in the quarantine")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Dashboard offer");
            tab.assertNoProblems();
        }
    }

    @Test
    void anAuditorSeesNoChangeButtons() throws IOException {
        Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Audited offer"));
        admin.expect(201, admin.post("/api/v1/users", "{\"username\":\"audit\",\"role\":\"auditor\","
                + "\"password\":\"correct horse battery\"}"));
        try (ConsoleBrowser.Tab tab = logIn(WIDE, "audit", "correct horse battery", "#/quarantine")) {
            Page page = tab.page();
            assertThat(page.locator("table.list tbody tr")).hasCount(1);
            assertThat(page.getByRole(AriaRole.CHECKBOX)).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON)).hasText(new String[] {"Log out", "Search"});
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audited offer")).click();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download (.eml)"))).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON)).hasText(new String[] {"Log out"});
            assertThat(page.locator("header .who")).hasText("audit (auditor)");
            tab.screenshot("quarantine-message-auditor");
            page.navigate("/#/settings");
            assertThat(page.getByLabel("Prefix of added header fields")).isDisabled();
            assertThat(page.getByRole(AriaRole.BUTTON)).hasText(new String[] {"Log out"});
            page.navigate("/#/users");
            assertThat(page.locator("table.list tbody tr")).hasCount(2);
            assertThat(page.getByRole(AriaRole.BUTTON)).hasText(new String[] {"Log out"});
            assertThat(page.getByRole(AriaRole.COMBOBOX)).hasCount(0);
            tab.assertNoProblems();
        }
    }

    @Test
    void anAdministratorLogsInByTheFormAndOut() {
        try (ConsoleBrowser.Tab tab = browser.open(WIDE, 900)) {
            Page page = tab.page();
            page.navigate("/#/quarantine");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Sluice");
            tab.screenshot("login");
            page.getByLabel("User name").fill("admin");
            page.getByLabel("Password").fill("not the password");
            button(page, "Log in").click();
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong user name or password.");
            assertThat(page.getByLabel("Password")).hasValue("");
            tab.screenshot("login-refused");

            page.getByLabel("Password").fill(Api.adminPassword());
            page.getByLabel("Password").press("Enter");
            // the page the address named
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Quarantine");
            assertThat(page.locator("header .who")).hasText("admin (admin)");
            Cookie session = sessionCookie(tab).orElseThrow();
            assertTrue(session.httpOnly);
            assertEquals(SameSiteAttribute.STRICT, session.sameSite);
            assertEquals(false, session.secure, "plain HTTP on 127.0.0.1: Secure only over HTTPS");
            page.reload();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Quarantine");

            button(page, "Log out").click();
            assertThat(page.getByLabel("User name")).isVisible();
            assertEquals(Optional.empty(), sessionCookie(tab));
            page.reload();
            assertThat(page.getByLabel("User name")).isVisible();
            tab.assertNoProblems();
        }
    }

    private static Optional<Cookie> sessionCookie(ConsoleBrowser.Tab tab) {
        return tab.context().cookies().stream().filter(c -> c.name.equals("SLUICE_SESSION")).findFirst();
    }

    /**
     * Regression: pages elsewhere post a form to the API in a browser logged in to the console;
     * nothing changes. From another port of the same host the browser sends the session cookie
     * (the same site) but the page cannot know the token; from another host it sends no cookie.
     */
    @Test
    void aCrossSiteFormPostIsRefused() throws Exception {
        String queueId = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Forged release"));
        String target = ConsoleBrowser.BASE + "/api/v1/quarantine/release?state=HELD";
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] forgery = ("<!doctype html><title>Win a prize</title><form method=post action='" + target
                + "' enctype='text/plain'><input name='{\"a\":' value='1}'></form><script>document.forms[0].submit()</script>")
                .getBytes(StandardCharsets.UTF_8);
        elsewhere.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, forgery.length);
            exchange.getResponseBody().write(forgery);
            exchange.close();
        });
        elsewhere.start();
        int port = elsewhere.getAddress().getPort();
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/quarantine")) {
            Page page = tab.page();
            Response sameSite = page.waitForResponse(target, () -> page.navigate("http://127.0.0.1:" + port + "/prize"));
            assertEquals(403, sameSite.status());
            assertEquals("{\"type\":\"urn:sluice:problem:csrf-token-required\",\"title\":\"Cross-site request token "
                    + "required\",\"status\":403,\"detail\":\"a change made with the console's session must carry its "
                    + "token in the X-CSRF-Token header\"}", sameSite.text());
            Response otherSite = page.waitForResponse(target, () -> page.navigate("http://localhost:" + port + "/prize"));
            assertEquals(401, otherSite.status(), otherSite.text());
        } finally {
            elsewhere.stop(0);
        }
        assertEquals("HELD", admin.get("/api/v1/quarantine/" + queueId).json().getString("state"));
        assertEquals(0, downstream.deliveries.size());
    }

    @Test
    void settingsAreChangedAndEachComplaintIsShownAtItsField() {
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/settings")) {
            Page page = tab.page();
            page.getByLabel("Quarantine", new Page.GetByLabelOptions().setExact(true)).fill("14");
            page.getByLabel("Prefix of added header fields").fill("X_");
            button(page, "Save settings").click();
            Locator prefix = page.getByLabel("Prefix of added header fields");
            assertThat(prefix).hasAttribute("aria-invalid", "true");
            assertThat(prefix).isFocused();
            assertThat(page.locator("#s-headerPrefix-error")).hasText("must be letters, digits and dashes, e.g. X- or X-Sluice-");
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("Not saved");
            tab.screenshot("settings-refused");
            assertEquals(30, admin.get("/api/v1/settings").json().getJsonObject("retention").getInt("quarantineDays"));
            tab.assertRefusals("400 /api/v1/settings");

            // what was typed stays until it is discarded
            Locator quarantineDays = page.getByLabel("Quarantine", new Page.GetByLabelOptions().setExact(true));
            assertThat(quarantineDays).hasValue("14");
            button(page, "Discard changes").click();
            assertThat(prefix).hasValue("X-");
            assertThat(quarantineDays).hasValue("30");
            assertThat(prefix).hasAttribute("aria-invalid", "false");

            quarantineDays.fill("14");
            button(page, "Save settings").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved.");
            assertThat(prefix).hasAttribute("aria-invalid", "false");
            assertEquals(14, admin.get("/api/v1/settings").json().getJsonObject("retention").getInt("quarantineDays"));
            tab.screenshot("settings");
            tab.assertNoProblems();
        }
    }

    /** The names of the policies as the API orders them, the default last. */
    private List<String> policyOrder() {
        return admin.get("/api/v1/policies?size=500").json().getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().map(p -> p.getString("name")).toList();
    }

    @Test
    void policiesAreReorderedByKeyboardAndByDraggingAndExplained() {
        for (String name : List.of("Executives", "Sales", "Interns")) {
            admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"" + name + "\",\"recipients\":[{\"kind\":"
                    + "\"ADDRESS\",\"value\":\"" + name.toLowerCase() + "@example.com\"}]}"));
        }
        assertEquals(List.of("Executives", "Sales", "Interns", "Default"), policyOrder());
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/policies")) {
            Page page = tab.page();
            Locator rows = page.locator("table.policies tbody tr th[scope=row]");
            assertThat(rows).hasCount(4);
            assertThat(button(page, "Move Executives up")).isDisabled();
            assertThat(page.locator("table.policies tbody tr").last().getByRole(AriaRole.BUTTON)).hasCount(0);

            // by keyboard: the button, then Alt+Down on it; the focus stays with the moved policy
            Locator salesUp = button(page, "Move Sales up");
            salesUp.focus();
            page.keyboard().press("Enter");
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Moved Sales to position 1.");
            assertEquals(List.of("Sales", "Executives", "Interns", "Default"), policyOrder());
            assertThat(button(page, "Move Sales down")).isFocused();
            page.keyboard().press("Alt+ArrowDown");
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Moved Sales to position 2.");
            assertEquals(List.of("Executives", "Sales", "Interns", "Default"), policyOrder());

            // by dragging a row onto another
            page.locator("table.policies tr[data-id]").filter(new Locator.FilterOptions().setHasText("Interns"))
                    .dragTo(page.locator("table.policies tr[data-id]").filter(new Locator.FilterOptions().setHasText("Executives")));
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Moved Interns to position 1.");
            assertEquals(List.of("Interns", "Executives", "Sales", "Default"), policyOrder());
            assertThat(rows.first()).containsText("Interns");
            tab.screenshot("policies");

            // who gets which policy, and why
            page.getByLabel("Recipient", new Page.GetByLabelOptions().setExact(true)).fill("sales@example.com");
            page.getByLabel("Sender", new Page.GetByLabelOptions().setExact(true)).fill("someone@example.net");
            button(page, "Explain").click();
            assertThat(page.locator("p.result")).hasText("sales@example.com gets Sales (inbound).");
            assertThat(page.locator("table.list tr.matched")).hasCount(1);
            assertEquals(List.of("Interns\trecipient does not match", "Executives\trecipient does not match",
                    "Sales\tapplies"), page.locator("h2#explain ~ .scroll tbody tr").allInnerTexts());
            tab.screenshot("policies-explained");

            // a disabled policy is passed over; a deleted one is gone
            button(page, "Disable Sales").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Sales is disabled.");
            button(page, "Explain").click();
            assertThat(page.locator("p.result")).hasText("sales@example.com gets Default (inbound).");
            assertEquals(false, admin.get("/api/v1/policies?size=500").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("name").equals("Sales"))
                    .findFirst().orElseThrow().getBoolean("enabled"));
            button(page, "Delete Interns").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Deleted Interns.");
            assertEquals(List.of("Delete the policy Interns?"), tab.dialogs());
            assertEquals(List.of("Executives", "Sales", "Default"), policyOrder());

            page.getByLabel("Recipient", new Page.GetByLabelOptions().setExact(true)).fill("");
            button(page, "Explain").click();
            assertThat(page.locator("#x-recipient-error")).hasText("is required");
            assertThat(page.getByLabel("Recipient", new Page.GetByLabelOptions().setExact(true))).isFocused();
            tab.assertRefusals("400 /api/v1/policies/resolve?sender=someone%40example.net");
            tab.assertNoProblems();
        }
    }

    @Test
    void aPolicyIsMadeInTheEditorWithEachComplaintAtItsFieldThenMovedUp() {
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Sales\",\"recipients\":[{\"kind\":"
                + "\"ADDRESS\",\"value\":\"sales@example.com\"}]}"));
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/policies")) {
            Page page = tab.page();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New policy")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("New policy");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Board");
            page.getByLabel("Direction").selectOption("INBOUND");
            page.getByLabel("Recipient 1: kind").selectOption("DOMAIN");
            page.getByLabel("Recipient 1: value").fill("not a domain!");
            button(page, "Add sender exception").click();
            page.getByLabel("Sender exception 1: value").fill("newsletter@news.example.org");
            button(page, "Add rule").click();
            page.getByLabel("Rule 1: name").fill("urgent");
            page.getByLabel("Rule 1: filter").selectOption("SUBJECT");
            button(page, "Add action to rule 1").click();
            page.getByLabel("Rule 1, action 2: type").selectOption("REJECT");
            page.getByLabel("Rule 1, action 2: Reply code").fill("250");
            button(page, "Create policy").click();

            // each complaint at its field, the first one focused; what was typed stays
            assertThat(page.locator("#pe-recipients-0-value-error")).hasText("is not a domain name");
            assertThat(page.locator("#pe-r0-f-pattern-error")).hasText("is required for SUBJECT");
            assertThat(page.locator("#pe-r0-a1-code-error")).hasText("must be a reply code for a refused message: "
                    + "450, 451, 452, 550, 551, 552, 553 or 554");
            assertThat(page.getByLabel("Recipient 1: value")).isFocused();
            assertThat(page.getByLabel("Sender exception 1: value")).hasValue("newsletter@news.example.org");
            tab.assertRefusals("400 /api/v1/policies");
            tab.screenshot("policy-editor-errors");

            page.getByLabel("Recipient 1: value").fill("example.org");
            page.getByLabel("Rule 1: Text").fill("urgent");
            page.getByLabel("Rule 1: Ignore case").check();
            page.getByLabel("Rule 1, action 2: Reply code").fill("550");
            page.getByLabel("Rule 1, action 2: Enhanced status").fill("5.7.1");
            page.getByLabel("Rule 1, action 2: Reply text").fill("Not for the board");
            button(page, "Create policy").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Created Board.");
            assertEquals(List.of("Sales", "Board", "Default"), policyOrder());
            button(page, "Move Board up").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Moved Board to position 1.");
            tab.assertNoProblems();
        }
        assertEquals(List.of("Board", "Sales", "Default"), policyOrder());
        JsonObject board = admin.get("/api/v1/policies?size=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("name").equals("Board")).findFirst()
                .orElseThrow();
        assertEquals("INBOUND", board.getString("direction"));
        assertEquals("[{\"kind\":\"DOMAIN\",\"value\":\"example.org\"}]", board.getJsonArray("recipients").toString());
        assertEquals("[{\"kind\":\"ADDRESS\",\"value\":\"newsletter@news.example.org\"}]",
                board.getJsonArray("senderExceptions").toString());
        assertEquals("[{\"name\":\"urgent\",\"filter\":{\"type\":\"SUBJECT\",\"pattern\":\"urgent\",\"regex\":false,"
                + "\"caseInsensitive\":true},\"actions\":[{\"type\":\"QUARANTINE\"},{\"type\":\"REJECT\",\"code\":550,"
                + "\"status\":\"5.7.1\",\"text\":\"Not for the board\"}]}]", board.getJsonArray("rules").toString());
    }

    @Test
    void groupsAndInternalDomainsAreKeptOnTheAddressesPage() {
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/addresses")) {
            Page page = tab.page();
            assertThat(page.getByText("No groups yet.")).isVisible();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Board");
            page.getByLabel("Members").fill("ceo@example.com\nnot an address\n*.board.example.com");
            button(page, "Add group").click();
            Locator membersField = page.getByLabel("Members");
            assertThat(membersField).hasAttribute("aria-invalid", "true");
            assertThat(membersField).isFocused();
            assertThat(page.locator("#g-members-error")).hasText("[1]: must be an address, a domain, or *. and a domain");
            tab.assertRefusals("400 /api/v1/groups");
            membersField.fill("ceo@example.com\ncfo@example.com\n*.board.example.com\nchair@example.com");
            button(page, "Add group").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added Board.");
            assertThat(page.locator("table.list tbody tr")).hasText(
                    java.util.regex.Pattern.compile("Board\\s+\\*.board.example.com, ceo@example.com, cfo@example.com and 1 more"));
            JsonObject board = admin.get("/api/v1/groups?size=500").json().getJsonArray("items").getJsonObject(0);
            assertEquals(java.util.Set.of("ceo@example.com", "cfo@example.com", "*.board.example.com", "chair@example.com"),
                    board.getJsonArray("members").getValuesAs(jakarta.json.JsonString.class).stream()
                            .map(jakarta.json.JsonString::getString).collect(java.util.stream.Collectors.toSet()));

            button(page, "Edit Board").click();
            assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).isFocused();
            assertThat(page.getByLabel("Members")).hasValue("*.board.example.com\nceo@example.com\ncfo@example.com\nchair@example.com");
            page.getByLabel("Description").fill("the board of directors");
            button(page, "Save group").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved Board.");
            assertEquals("the board of directors", admin.get("/api/v1/groups/" + board.getJsonNumber("id"))
                    .json().getString("description"));
            assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("");

            page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).fill("example.com");
            button(page, "Add domain").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added example.com.");
            assertThat(page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true))).hasValue("");
            page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).fill("example.com");
            button(page, "Add domain").click();
            assertThat(page.locator("#d-name-error")).hasText("example.com is already an internal domain");
            tab.assertRefusals("400 /api/v1/internal-domains");
            tab.screenshot("addresses");
            assertEquals(1, admin.get("/api/v1/internal-domains").json().getInt("total"));
            button(page, "Remove example.com").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Removed example.com.");
            assertEquals(0, admin.get("/api/v1/internal-domains").json().getInt("total"));

            button(page, "Delete Board").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted Board.");
            assertEquals(List.of("Delete the group Board?"), tab.dialogs());
            assertEquals(0, admin.get("/api/v1/groups").json().getInt("total"));
            tab.assertNoProblems();
        }
    }

    @Test
    void aTemplateIsPreviewedWithExampleValuesAndSaved() {
        JsonObject original = admin.get("/api/v1/templates/virus-admin").json();
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/templates")) {
            Page page = tab.page();
            button(page, "Open virus-admin").click();
            Locator subject = page.getByLabel("Subject", new Page.GetByLabelOptions().setExact(true));
            assertThat(subject).isFocused();
            assertThat(subject).hasValue(original.getString("subject"));
            subject.fill("[${hostname}] ${virus} held: ${subject}");
            button(page, "Preview").click();
            assertThat(page.locator("#preview-subject")).hasText("[mail.example.com] Eicar-Signature held: Invoice for November");
            tab.screenshot("templates-preview");
            button(page, "Save template").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved virus-admin.");
            assertEquals("[${hostname}] ${virus} held: ${subject}",
                    admin.get("/api/v1/templates/virus-admin").json().getString("subject"));

            button(page, "Delete").click();
            assertThat(page.getByRole(AriaRole.ALERT)).hasText(
                    "Not deleted: template virus-admin is built in: it can be changed, not deleted");
            tab.assertRefusals("409 /api/v1/templates/virus-admin");

            button(page, "New template").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Held Notice");
            page.getByLabel("Subject", new Page.GetByLabelOptions().setExact(true)).fill("Held: ${subject}");
            page.getByLabel("Body").fill("Your message ${queueId} is held.");
            button(page, "Add template").click();
            assertThat(page.locator("#t-name-error")).hasText("must be lower-case letters, digits and dashes");
            assertThat(page.getByLabel("Body")).hasValue("Your message ${queueId} is held.");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("held-notice");
            button(page, "Add template").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved held-notice.");
            assertEquals("Your message ${queueId} is held.",
                    admin.get("/api/v1/templates/held-notice").json().getString("body"));
            button(page, "Delete").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted held-notice.");
            assertEquals(404, admin.get("/api/v1/templates/held-notice").status());
            tab.assertNoProblems();
        } finally {
            long version = admin.get("/api/v1/templates/virus-admin").json().getJsonNumber("version").longValue();
            admin.expect(200, admin.put("/api/v1/templates/virus-admin", "{\"version\":" + version + ",\"subject\":"
                    + jakarta.json.Json.createValue(original.getString("subject")) + ",\"body\":"
                    + jakarta.json.Json.createValue(original.getString("body")) + "}"));
            if (admin.get("/api/v1/templates/held-notice").status() == 200) {
                admin.expect(204, admin.delete("/api/v1/templates/held-notice"));
            }
        }
    }

    @Test
    void theAuditLogShowsWhoChangedWhatFromWhereWithBeforeAndAfter() throws Exception {
        // other tests of the class change things too: this one looks at what it did itself
        String since = java.time.Instant.now().toString();
        for (String name : List.of("Executives", "Sales")) {
            admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"" + name + "\",\"recipients\":[{\"kind\":"
                    + "\"ADDRESS\",\"value\":\"" + name.toLowerCase() + "@example.com\"}]}"));
        }
        String queueId = Gateway.sendKept("spammer@example.net", "bob@example.com", gtube("Audited offer"));
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/policies")) {
            Page page = tab.page();
            button(page, "Move Sales up").click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Moved Sales to position 1.");
            page.navigate("/#/quarantine/" + queueId);
            button(page, "Release").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Released " + queueId + ".");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log").setExact(true)).click();
            page.getByLabel("Action").fill("reorder");
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill(since);
            button(page, "Search").click();
            Locator rows = page.locator("table.audit tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows.first().locator("td, th")).containsText(new String[] {"admin", "127.0.0.1", "reorder",
                    "policies"});
            rows.first().getByText("Show").click();
            assertThat(rows.first().locator("pre")).hasText(new String[] {
                "[\n  \"Executives\",\n  \"Sales\",\n  \"Default\"\n]", "[\n  \"Sales\",\n  \"Executives\",\n  \"Default\"\n]"});
            tab.screenshot("audit");

            page.getByLabel("Action").fill("release");
            page.getByLabel("Target contains").fill(queueId);
            button(page, "Search").click();
            assertThat(rows).hasCount(1);
            assertThat(rows.first().locator("th")).hasText("quarantine " + queueId);
            tab.assertNoProblems();
        }
        JsonObject released = admin.get("/api/v1/audit?action=release&target=" + queueId).json();
        assertEquals(1, released.getInt("total"));
        JsonObject entry = released.getJsonArray("items").getJsonObject(0);
        assertEquals(List.of("admin", "127.0.0.1", "release", "quarantine " + queueId), List.of(entry.getString("user"),
                entry.getString("address"), entry.getString("action"), entry.getString("target")));
        assertTrue(entry.getString("after").contains("\"queueId\":\"" + queueId + "\"")
                && entry.getString("after").contains("\"state\":\"RELEASED\""), entry.toString());
        assertEquals(false, entry.containsKey("before"));
        // a policy's creation: no before, the policy after
        JsonObject created = admin.get("/api/v1/audit?action=create&target=policy").json().getJsonArray("items")
                .getJsonObject(0);
        assertEquals(false, created.containsKey("before"));
        assertTrue(created.getString("after").contains("\"name\":\"Sales\""), created.toString());
    }

    /** Each page is shown from the navigation and taken away again for the next, twice round. */
    @Test
    void everyPageIsShownFromTheNavigationAndLeftForTheNext() {
        List<String> pages = List.of("Dashboard", "Policies", "Addresses", "Quarantine", "Tracking", "Templates",
                "Settings", "Users", "Audit log");
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/dashboard")) {
            Page page = tab.page();
            for (int round = 0; round < 2; round++) {
                for (String name : pages) {
                    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
                    assertThat(page.locator("main h1")).hasText(name);
                    assertThat(page.locator("main h1")).hasCount(1);
                }
            }
            tab.assertNoProblems();
        }
    }

    @Test
    void usersAreAddedGivenARoleAndDeleted() {
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/users")) {
            Page page = tab.page();
            page.getByLabel("User name").fill("carol");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("short");
            button(page, "Add user").click();
            assertThat(page.locator("#u-password-error")).hasText("must be 12 to 200 characters long");
            tab.assertRefusals("400 /api/v1/users");
            assertThat(page.getByLabel("User name")).hasValue("carol");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("a long enough password");
            button(page, "Add user").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added carol.");
            assertThat(page.locator("table.list tbody tr")).hasCount(2);
            assertThat(page.getByLabel("User name")).hasValue("");
            assertEquals("auditor", admin.get("/api/v1/users/carol").json().getString("role"));
            tab.screenshot("users");

            // a new password, in a form of its own (never a browser prompt)
            button(page, "Set the password of carol").click();
            Locator newPassword = page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true));
            assertThat(newPassword).isFocused();
            newPassword.fill("too short");
            button(page, "Set password").click();
            assertThat(page.locator("#p-password-error")).hasText("must be 12 to 200 characters long");
            tab.assertRefusals("400 /api/v1/users/carol/password");
            newPassword.fill("carol's new passphrase");
            button(page, "Set password").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Set a new password for carol.");
            assertEquals(200, Api.as("carol", "carol's new passphrase").get("/api/v1/status").status());

            page.getByLabel("Role of carol").selectOption("admin");
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("carol is an admin now.");
            assertEquals("admin", admin.get("/api/v1/users/carol").json().getString("role"));
            page.locator("table.list tbody tr").filter(new Locator.FilterOptions().setHasText("carol"))
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted carol.");
            assertEquals(List.of("Delete the user carol?"), tab.dialogs());
            assertEquals(404, admin.get("/api/v1/users/carol").status());
            tab.assertNoProblems();
        }
    }

    @Test
    void thePagesAreUsableAtPhoneWidth() throws IOException {
        Gateway.sendKept("small-screen@example.net", "bob@example.com", gtube("A rather long subject line for a small screen"));
        try (ConsoleBrowser.Tab tab = logInAsAdmin(PHONE, "#/dashboard")) {
            Page page = tab.page();
            assertThat(page.locator("figure.chart canvas")).hasCount(5);
            assertNoSidewaysScrolling(page);
            tab.screenshot("phone-dashboard");
            page.navigate("/#/quarantine");
            assertThat(page.locator("table.list tbody tr")).hasCount(1);
            assertNoSidewaysScrolling(page);
            tab.screenshot("phone-quarantine");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("A rather long subject line for a small screen")).click();
            assertThat(page.frameLocator("iframe.preview").locator("pre")).hasText("Buy now.\n" + ScanningIT.GTUBE + "\n");
            assertNoSidewaysScrolling(page);
            tab.screenshot("phone-quarantine-message");
            page.navigate("/#/tracking");
            // the tracking log keeps the other tests' transactions too; on a phone the filters are folded away
            assertThat(page.getByLabel("Sender contains")).isHidden();
            page.getByText("Search filters").click();
            page.getByLabel("Sender contains").fill("small-screen@example.net");
            button(page, "Search").click();
            assertThat(page.getByLabel("Sender contains")).isHidden();
            assertThat(page.locator("table.list tbody tr")).hasCount(1);
            assertNoSidewaysScrolling(page);
            tab.screenshot("phone-tracking");
            tab.assertNoProblems();
        }
    }

    private static void assertNoSidewaysScrolling(Page page) {
        assertEquals(PHONE, ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue(),
                "the page is wider than the screen");
    }

    @Test
    void theConsoleIsUsedByKeyboard() {
        try (ConsoleBrowser.Tab tab = logInAsAdmin(WIDE, "#/dashboard")) {
            Page page = tab.page();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Dashboard");
            page.keyboard().press("Tab");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content"))).isFocused();
            page.keyboard().press("Tab"); // Dashboard
            page.keyboard().press("Tab"); // Policies
            page.keyboard().press("Tab"); // Addresses
            page.keyboard().press("Tab");
            Locator quarantine = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quarantine").setExact(true));
            assertThat(quarantine).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Quarantine");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isFocused();
            assertThat(quarantine).hasAttribute("aria-current", "page");
            page.keyboard().press("Tab");
            assertThat(page.getByLabel("Sender contains")).isFocused();
            tab.assertNoProblems();
        }
    }

    /** The console page allows no script but its own files and its import map, which it allows by its hash. */
    @Test
    void theConsolePageHasAStrictContentSecurityPolicy() throws Exception {
        Api.Result page = Api.anonymous().get("/");
        assertEquals(200, page.status());
        Matcher importMap = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertTrue(importMap.find(), page.body());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals("default-src 'none'; script-src 'self' 'sha256-" + hash + "'; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'", page.header("Content-Security-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        // exactly two script elements: the import map and the console's module
        assertEquals(2, page.body().split("<script", -1).length - 1, page.body());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/assets/app.js\"></script>"), page.body());
    }
}
