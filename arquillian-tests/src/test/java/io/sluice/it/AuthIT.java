package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

    @Test
    void authIsOnlyOfferedOverTls() throws Exception {
        TlsIT.Run plain = TlsIT.run(List.of("swaks", "--server", "127.0.0.1:" + Gateway.SMTP_PORT, "--ehlo",
                "client.example", "--from", "ann@example.com", "--to", "bob@example.com", "--auth", "PLAIN",
                "--auth-user", "ann", "--auth-password", "s3cret"), "");
        assertNotEquals(0, plain.exit(), plain.output());
        assertTrue(!plain.output().contains("250-AUTH") && !plain.output().contains("250 AUTH"), plain.output());
    }
}
