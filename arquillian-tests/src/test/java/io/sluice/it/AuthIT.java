package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUTH with swaks over STARTTLS, checked by the mail server, and what an authenticated session changes. */
class AuthIT extends GatewayTest {

    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    private static List<String> swaks(String user, String password, String... more) {
        List<String> command = new java.util.ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + Gateway.SMTP_PORT,
                "--tls", "--ehlo", "client.example", "--from", "ann@example.com", "--to", "partner@example.net",
                "--auth", "PLAIN", "--auth-user", user, "--auth-password", password, "--header", "Subject: report"));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void theMailServerChecksTheCredentialsAndTheSessionCountsAsOutbound() throws Exception {
        downstream.accounts.put("ann", "s3cret");
        downstream.extensions = List.of("XCLIENT NAME ADDR PORT PROTO HELO LOGIN");
        admin.expect(201, admin.post("/api/v1/policies", "{\"name\":\"Outbound\",\"direction\":\"OUTBOUND\","
                + "\"rules\":[{\"name\":\"mark\",\"filter\":{\"type\":\"SENDER_AUTHENTICATED\"},\"actions\":[{\"type\":"
                + "\"ADD_HEADER\",\"header\":\"X-Outbound\",\"value\":\"authenticated\"}]}]}"));
        TlsIT.Run ok = TlsIT.run(swaks("ann", "s3cret"), "");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("<~  235 2.7.0 Authentication successful"), ok.output());
        Matcher reply = Pattern.compile("<~  250 2\\.0\\.0 Ok: queued as (\\S+) ").matcher(ok.output());
        assertTrue(reply.find(), ok.output());
        String queueId = reply.group(1);

        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        String delivered = downstream.deliveries.get(0).text();
        assertTrue(delivered.contains(") with ESMTPSA id " + queueId), delivered);
        assertTrue(delivered.contains("\r\nX-Outbound: authenticated\r\n"), delivered);
        assertTrue(downstream.commands.stream().anyMatch(l -> l.endsWith(" HELO=client.example LOGIN=ann")),
                downstream.commands.toString());
        JsonObject row = TrackingIT.tracked(admin, queueId);
        assertEquals("ann", row.getString("authUser"));
        assertEquals("Outbound", row.getString("policy"));
    }

    @Test
    void wrongCredentialsAreRefusedAfterADelayAndNothingIsSent() throws Exception {
        downstream.accounts.put("ann", "s3cret");
        long start = System.nanoTime();
        TlsIT.Run bad = TlsIT.run(swaks("ann", "guess"), "");
        assertNotEquals(0, bad.exit(), bad.output());
        assertTrue(bad.output().contains("<~* 535 5.7.8 Error: authentication failed"), bad.output());
        assertTrue(System.nanoTime() - start >= 300_000_000L);
        assertEquals(0, downstream.deliveries.size());
    }

    private static final String FAILED = "535 5.7.8 Error: authentication failed";

    /** One connection from {@code address}: STARTTLS, then AUTH PLAIN as {@code user} with each password in turn. */
    private static List<String> authAttempts(String address, String user, String... passwords) throws Exception {
        List<String> replies = new ArrayList<>();
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, address).greetAndEhlo(Gateway.HOST)) {
            c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.startTls(TlsIT.trustAll());
            c.ehlo();
            for (String password : passwords) {
                String response = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                        .getBytes(StandardCharsets.UTF_8));
                replies.add(c.send("AUTH PLAIN " + response).readLine());
            }
            c.exchange("QUIT", "221 2.0.0 Bye");
        }
        return replies;
    }

    /** How often the mail server was asked to check credentials. */
    private long authAsked() {
        return downstream.commands.stream().filter(l -> l.substring(l.indexOf(": ") + 2).startsWith("AUTH ")).count();
    }

    /**
     * Failures counted per client address across connections: past the limit the mail server is
     * not asked any more, even for the right password, while other addresses go on as before; each
     * failure leaves the one log line the shipped fail2ban filter matches.
     */
    @Test
    void authFailuresAreLimitedPerClientAddressAcrossConnections() throws Exception {
        downstream.accounts.put("ann", "s3cret");
        Api.changeSetting("connections", "authFailuresPerInterval", Json.createValue(3));
        long logStart = ServerLog.size();
        String guesser = "127.0.0.5";
        String tooMany = "454 4.7.0 Error: too many authentication failures from 127.0.0.5; try again later";

        assertEquals(List.of(FAILED, FAILED), authAttempts(guesser, "ann", "guess1", "guess2"));
        assertEquals(List.of(FAILED), authAttempts(guesser, "ann", "guess3"));
        assertEquals(3, authAsked());
        assertEquals(List.of(tooMany, tooMany), authAttempts(guesser, "ann", "guess4", "s3cret"));
        assertEquals(List.of(tooMany), authAttempts(guesser, "ann", "s3cret"));
        assertEquals(3, authAsked(), "the mail server is not asked over the limit");
        assertEquals(List.of("235 2.7.0 Authentication successful"), authAttempts("127.0.0.6", "ann", "s3cret"));
        assertEquals(4, authAsked());

        List<String> logged = ServerLog.since(logStart);
        String invalid = "AUTH failed: client=127.0.0.5 user=ann reason=invalid-credentials (mail server: 535 ";
        String refused = "AUTH failed: client=127.0.0.5 user=ann reason=too-many-failures";
        assertEquals(3, logged.stream().filter(l -> l.contains(" WARNING [io.sluice.pipeline.AuthStage] (")
                && l.contains(") " + invalid)).count(), "one line per failure");
        assertEquals(1, logged.stream().filter(l -> l.endsWith(") " + refused)).count(),
                "one line for the refusals of this interval");
        assertEquals(List.of(guesser, guesser, guesser, guesser), ServerLog.fail2banMatches(logged));
    }

    @Test
    void authIsOnlyOfferedOverTls() throws Exception {
        TlsIT.Run plain = TlsIT.run(List.of("swaks", "--server", "127.0.0.1:" + Gateway.SMTP_PORT, "--ehlo",
                "client.example", "--from", "ann@example.com", "--to", "bob@example.com", "--auth", "PLAIN",
                "--auth-user", "ann", "--auth-password", "s3cret"), "");
        assertNotEquals(0, plain.exit(), plain.output());
        assertTrue(!plain.output().contains("250-AUTH") && !plain.output().contains("250 AUTH"), plain.output());
    }
}
