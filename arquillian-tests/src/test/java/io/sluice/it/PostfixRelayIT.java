package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Postfix behind the gateway, configured the way a user did: the gateway (127.0.0.1) and
 * one internal host (127.0.0.3) in mynetworks, dest.test as the relay domain with a list of its
 * users, XCLIENT for the gateway only, and SASL accounts of its own. Postfix decides, the gateway
 * passes its answers on, and Postfix's log shows which client it believed it was serving for each
 * message. The clients connect from other loopback addresses (127.0.0.2 is the tests' trusted
 * PROXY balancer, so never a plain client here).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostfixRelayIT {

    /** In Postfix's mynetworks: may relay anywhere. */
    static final String INSIDE = "127.0.0.3";
    /** Anywhere else: may send only to dest.test, or anywhere after AUTH. */
    static final String OUTSIDE = "127.0.0.5";

    /** Postfix's reply to the end of a message: "queued as ID" after DATA, "N bytes queued as ID" after BDAT. */
    private static final String POSTFIX_QUEUED = "250 2\\.0\\.0 Ok: (?:\\d+ bytes )?queued as ([0-9A-Za-z]+)";
    private static final Pattern RELAYED = Pattern.compile(
            "250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16} \\(downstream: " + POSTFIX_QUEUED + "\\)");

    static PostfixServer postfix;
    final Api admin = Api.admin();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Gateway.ear();
    }

    /** Postfix as the user configured it, listening where the tests' gateway relays to. */
    static PostfixServer.Builder asConfigured() {
        return PostfixServer.on(Gateway.DOWNSTREAM_PORT)
                .mynetworks("127.0.0.1/32", INSIDE + "/32")
                .relayDomains("dest.test")
                .relayRecipients("bob@dest.test", "carol@dest.test", "dave@dest.test", "erin@dest.test")
                .authorizedXclientHosts("127.0.0.1")
                .set("smtpd_relay_restrictions",
                        "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination")
                .saslUser("ann", "s3cret");
    }

    @BeforeAll
    static void startPostfix() throws Exception {
        postfix = asConfigured().start();
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
        admin.expect(200, admin.post("/api/v1/quarantine/delete", null));
    }

    /** The largest number of pooled sessions with Postfix this run is about (sluice.relay.pool.max). */
    int expectedPoolSize() {
        return 64;
    }

    /** The pool as the server deployed it, with sluice.relay.pool.max substituted in ironjacamar.xml. */
    @Test
    void theRelayPoolHasTheSizeThisRunIsAbout() throws IOException {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("name").set("max-pool-size");
        ModelNode address = read.get("address");
        address.add("deployment", "sluice.ear");
        address.add("subdeployment", "sluice-rar.rar");
        address.add("subsystem", "resource-adapters");
        address.add("ironjacamar", "ironjacamar");
        address.add("resource-adapter", "sluice.ear#sluice-rar.rar");
        address.add("connection-definitions", "java:/eis/sluice/Relay");
        ModelNode result = management.getControllerClient().execute(read);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        assertEquals(expectedPoolSize(), result.get("result").asInt());
    }

    /**
     * Clients inside and outside mynetworks take turns, so pooled sessions serve one after the
     * other: each must get Postfix's own answer for itself, and each message it accepts must be
     * logged by Postfix under its own address. A client whose HELO is too long for XCLIENT (Postfix
     * refuses a value over 255 characters) must not change that for itself or anyone after it.
     */
    @Test
    void everyClientIsJudgedAndLoggedByPostfixAsItself() throws Exception {
        String longHelo = "h".repeat(292) + ".example";
        List<Step> steps = List.of(
                new Step(INSIDE, "client.example", "a@outside.test", null),
                new Step(OUTSIDE, "client.example", "b@outside.test", relayDenied("b@outside.test")),
                new Step(OUTSIDE, "client.example", "bob@dest.test", null),
                new Step(INSIDE, "client.example", "a@outside.test", null),
                // the very recipient Postfix has just taken from the inside host
                new Step(OUTSIDE, "client.example", "a@outside.test", relayDenied("a@outside.test")),
                new Step(OUTSIDE, "client.example", "carol@dest.test", null),
                new Step(INSIDE, "client.example", "c@outside.test", null),
                new Step(OUTSIDE, longHelo, "d@outside.test", relayDenied("d@outside.test")),
                new Step(OUTSIDE, longHelo, "dave@dest.test", null),
                new Step(INSIDE, "client.example", "e@outside.test", null),
                new Step(OUTSIDE, "client.example", "f@outside.test", relayDenied("f@outside.test")),
                new Step(OUTSIDE, "client.example", "erin@dest.test", null),
                new Step(INSIDE, "client.example", "a@outside.test", null));
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Step s : steps) {
            String who = s.client() + (s.helo().length() > 255 ? " (HELO of " + s.helo().length() + ")" : "")
                    + " to <" + s.recipient() + ">: ";
            expected.add(who + (s.refusal() != null ? s.refusal() : queuedBy(s.client(), s.recipient())));
            actual.add(who + send(s.client(), s.helo(), s.recipient()));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        // XCLIENT and the EHLO after it each wait for their reply: Postfix logs a command sent
        // ahead of XCLIENT's new greeting as improper pipelining, which reject_unauth_pipelining
        // (and, from Postfix 3.9, smtpd_forbid_unauth_pipelining) refuses
        assertEquals(List.of(), postfix.log().stream().filter(l -> l.contains("improper command pipelining")).toList());
    }

    @Test
    void aUserPostfixDoesNotKnowIsRefusedAtRcptWithPostfixsOwnReply() throws Exception {
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, OUTSIDE).greetAndEhlo(Gateway.HOST)) {
            c.exchange("MAIL FROM:<sender@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<nobody@dest.test>", "550 5.1.1 <nobody@dest.test>: Recipient address rejected: "
                            + "User unknown in relay recipient table")
                    .exchange("RCPT TO:<bob@dest.test>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: known and unknown\r\n\r\nhello\r\n.\r\n");
            String postfixId = postfixQueueId(c.readLine());
            postfix.awaitLog(postfixId + ": to=<bob@dest.test>, relay=none, .* status=sent");
            assertTrue(postfix.log().stream().noneMatch(l -> l.contains(postfixId + ": to=<nobody@dest.test>")));
        }
    }

    /**
     * AUTH is checked by Postfix's SASL for the client, and the login is what lets it relay: every
     * transaction Postfix opened for this message, the recipient check as much as the relay, was
     * the client's with its login.
     */
    @Test
    void anAuthenticatedClientRelaysThroughPostfixAsItsLogin() throws Exception {
        int mark = postfix.log().size();
        try (Conversation c = authenticate(OUTSIDE, "ann", "s3cret", "235 2.7.0 Authentication successful")) {
            c.exchange("MAIL FROM:<ann@dest.test>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<x@outside.test>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: from ann\r\n\r\nhello\r\n.\r\n");
            String postfixId = postfixQueueId(c.readLine());
            postfix.awaitLog(postfixId + ": to=<x@outside.test>, relay=none, .* status=sent");
        }
        List<String> log = postfix.log();
        List<String> clients = log.subList(mark, log.size()).stream()
                .map(l -> Pattern.compile(": [0-9A-Za-z]+: client=(.*)").matcher(l))
                .filter(Matcher::find).map(m -> m.group(1)).toList();
        assertTrue(!clients.isEmpty(), "Postfix logged no transaction");
        assertEquals(List.of(), clients.stream()
                .filter(c -> !c.equals("unknown[" + OUTSIDE + "], sasl_method=XCLIENT, sasl_username=ann")).toList(),
                "Postfix transactions for this message under another client: " + clients);
    }

    /** Postfix sees a failed login as coming from the client, so its own limits and logs apply to it. */
    @Test
    void aWrongPasswordFailsAtPostfixForTheClientsAddress() throws Exception {
        try (Conversation c = authenticate(OUTSIDE, "ann", "guess", "535 5.7.8 Error: authentication failed")) {
            c.exchange("QUIT", "221 2.0.0 Bye");
        }
        Matcher failed = postfix.awaitLog("warning: (\\S+): SASL PLAIN authentication failed: authentication failure, "
                + "sasl_username=ann@" + PostfixServer.HOSTNAME.replace(".", "\\.") + "$");
        assertEquals("unknown[" + OUTSIDE + "]", failed.group(1));
    }

    /**
     * A mailbox owner logs in to the console's API with the password Postfix's own SASL accepts,
     * checked as SMTP AUTH is: acting for the browser's address, and nothing stored. A wrong one
     * fails at Postfix, for that address.
     */
    @Test
    void aMailboxOwnerLogsInWithThePasswordPostfixAccepts() throws Exception {
        String owner = "ann@" + PostfixServer.HOSTNAME;
        Api ann = Api.as(owner, "s3cret");
        JsonObject held = ann.expect(200, ann.get("/api/v1/quarantine")).json();
        assertEquals(0, held.getInt("total"));
        assertEquals(403, ann.get("/api/v1/settings").status());

        int mark = postfix.log().size();
        assertEquals(401, Api.as(owner, "guess").get("/api/v1/quarantine").status());
        Pattern failure = Pattern.compile("warning: (\\S+): SASL PLAIN authentication failed: authentication failure, "
                + "sasl_username=" + Pattern.quote(owner) + "$");
        Gateway.await(() -> postfix.log().stream().skip(mark).anyMatch(l -> failure.matcher(l).find()),
                java.time.Duration.ofSeconds(10));
        List<String> clients = postfix.log().stream().skip(mark).map(failure::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
        assertEquals(List.of("unknown[127.0.0.1]"), clients);
    }

    /**
     * A released message is the gateway's own mail: Postfix must see the gateway (127.0.0.1), not
     * the client the pooled session served last.
     */
    @Test
    void aQuarantineReleaseReachesPostfixAsTheGateway() throws Exception {
        String before = send(OUTSIDE, "client.example", "bob@dest.test", "Subject: before\r\n\r\nhi\r\n");
        assertTrue(RELAYED.matcher(before).matches(), before); // a pooled session has now served the outside client
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Hold spam\",\"recipients\":[{\"kind\":\"DOMAIN\","
                + "\"value\":\"dest.test\"}],\"rules\":[{\"name\":\"spam\",\"filter\":{\"type\":\"SPAM_SCORE\","
                + "\"threshold\":5},\"actions\":[{\"type\":\"QUARANTINE\"}]}]}"));
        String reply = send(OUTSIDE, "client.example", "carol@dest.test", "From: x@example.net\r\n"
                + "To: carol@dest.test\r\nSubject: offer\r\nMessage-ID: <gtube-postfix@example.net>\r\n\r\n"
                + ScanningIT.GTUBE + "\r\n");
        String queueId = Gateway.queueId(reply);
        assertEquals("250 2.0.0 Ok: queued as " + queueId, reply);

        admin.expect(200, admin.post("/api/v1/quarantine/" + queueId + "/release", null));
        String released = admin.get("/api/v1/quarantine/" + queueId).json().getString("releaseReply");
        Matcher m = Pattern.compile(POSTFIX_QUEUED).matcher(released);
        assertTrue(m.matches(), released);
        String client = postfix.awaitLog(m.group(1) + ": client=(.*)").group(1);
        postfix.awaitLog(m.group(1) + ": to=<carol@dest.test>, relay=none, .* status=sent");
        assertTrue(client.matches("\\S+\\[127\\.0\\.0\\.1\\]"), "Postfix saw the release come from " + client);
    }

    // --- helpers ---

    /** One client's message: from where, with which HELO, to whom, and Postfix's refusal if it must refuse. */
    private record Step(String client, String helo, String recipient, String refusal) {
    }

    private static String relayDenied(String recipient) {
        return "554 5.7.1 <" + recipient + ">: Relay access denied";
    }

    private static String queuedBy(String client, String recipient) {
        return "queued by Postfix for client " + client + " and delivered to <" + recipient + ">";
    }

    /**
     * One message from {@code client}; the refusal at RCPT or DATA as the gateway gave it, or, for
     * a relayed message, which client Postfix logged for it and where it went.
     */
    private static String send(String client, String helo, String recipient) throws IOException {
        String reply = send(client, helo, recipient, "Subject: to " + recipient + "\r\n\r\nhello\r\n");
        Matcher relayed = RELAYED.matcher(reply);
        if (!relayed.matches()) {
            return reply;
        }
        String id = relayed.group(1);
        Matcher seen = postfix.awaitLog(id + ": client=\\S+\\[([0-9.]+)\\]"
                + "(?:, sasl_method=\\S+, sasl_username=(\\S+))?$");
        String to = postfix.awaitLog(id + ": to=<([^>]*)>, relay=none, .* status=sent").group(1);
        return queuedBy(seen.group(1) + (seen.group(2) == null ? "" : " logged in as " + seen.group(2)), to);
    }

    /** One message; returns the refusal at RCPT, or the final reply after DATA. */
    private static String send(String client, String helo, String recipient, String content) throws IOException {
        return Gateway.sendFrom(client, helo, "sender@example.org", recipient, content);
    }

    /** A session from {@code client} after STARTTLS and AUTH PLAIN, whose reply is checked. */
    private static Conversation authenticate(String client, String user, String password, String reply)
            throws Exception {
        Conversation c = new Conversation(Gateway.SMTP_PORT, client).greetAndEhlo(Gateway.HOST);
        c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
        c.startTls(TlsIT.trustAll());
        c.ehlo();
        String plain = Base64.getEncoder()
                .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        c.exchange("AUTH PLAIN " + plain, reply);
        return c;
    }

    /** Postfix's queue id from the gateway's final reply, which must say the message was relayed. */
    private static String postfixQueueId(String reply) {
        Matcher m = RELAYED.matcher(reply);
        assertTrue(m.matches(), reply);
        return m.group(1);
    }
}
