package io.sluice.smtp.client;

import io.sluice.api.ClientOrigin;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real client passed on with XCLIENT or XFORWARD, only as far as the downstream asks for it. */
class ForwardedClientTest {

    static final ClientOrigin ORIGIN = new ClientOrigin("192.0.2.7", 40000, "mail.example=org", "ESMTPS", null);

    static io.sluice.api.MessageSource text(String s) {
        return io.sluice.api.MessageSource.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String reply(String line) {
        return line.startsWith("XCLIENT") ? "220 scripted ESMTP" : line.equals("DATA") ? "354 go" : "250 2.0.0 ok";
    }

    @Test
    void xclientActsForEachClientOnceAndTheSessionNeverCarriesTheGatewaysMailAfterwards() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("XCLIENT NAME ADDR PORT PROTO HELO LOGIN"),
                ForwardedClientTest::reply); SmtpClient client = SmtpClient.connect(peer.settings())) {
            assertTrue(client.canActFor(null));
            RelayResult r = client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of(), ORIGIN),
                    text("x\r\n"));
            assertTrue(r.delivered());
            client.send(new RelayEnvelope("a@example.org", List.of("c@example.org"), Map.of(), ORIGIN), text("y\r\n"));
            assertFalse(client.canActFor(null));
            RelayResult own = client.send(new RelayEnvelope("", List.of("admin@example.org"), Map.of()), text("z\r\n"));
            assertEquals(Reply.of(451, "4.7.0", "Error: the mail server session cannot act for this client, try again later"),
                    own.refusal());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=192.0.2.7 PORT=40000 PROTO=ESMTP HELO=mail.example+3Dorg "
                            + "LOGIN=[UNAVAILABLE]", "EHLO mail.example=org", // the client's name, as Postfix logs the EHLO's
                    "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA", "x", ".",
                    // the same client again: the session already acts for it
                    "MAIL FROM:<a@example.org>", "RCPT TO:<c@example.org>", "DATA", "y", ".",
                    // the gateway's own mail is not sent on a session that acted for a client
                    "QUIT"), peer.lines);
        }
    }

    @Test
    void anOverlongHeloIsClippedToWhatTheMailServerTakes() {
        String helo = "h".repeat(300);
        String command = ForwardedClient.xclient(new ClientOrigin("192.0.2.7", 1, helo, "ESMTP", null), "HELO");
        assertEquals("XCLIENT HELO=" + "h".repeat(255), command);
        // the limit is on the value as sent: "+" is "+2B", "é" is "+C3+A9"; never half a character
        assertEquals("+".repeat(85), ForwardedClient.clip("+".repeat(100), 255));
        assertEquals("\u00e9".repeat(42), ForwardedClient.clip("\u00e9".repeat(100), 255));
    }

    @Test
    void xforwardGoesBeforeEachTransactionWithTheOfferedAttributes() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("XFORWARD NAME ADDR PROTO HELO SOURCE"),
                ForwardedClientTest::reply); SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of(),
                    new ClientOrigin("2001:db8::7", 1, null, "SMTP", null)), text("x\r\n"));
            client.send(new RelayEnvelope("", List.of("admin@example.org"), Map.of()), text("z\r\n"));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XFORWARD NAME=[UNAVAILABLE] ADDR=IPV6:2001:db8::7 PROTO=SMTP HELO=[UNAVAILABLE] SOURCE=REMOTE",
                    "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA", "x", ".",
                    "MAIL FROM:<>", "RCPT TO:<admin@example.org>", "DATA", "z", ".", "QUIT"), peer.lines);
        }
    }

    @Test
    void withNeitherNothingIsSent() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("8BITMIME"), ForwardedClientTest::reply);
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of(), ORIGIN), text("x\r\n"));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals("MAIL FROM:<a@example.org>", peer.lines.get(1));
        }
    }

    @Test
    void dsnParametersGoOnlyToADownstreamThatOffersDsn() throws Exception {
        RelayEnvelope envelope = new RelayEnvelope("a@example.org", List.of("b@example.org", "c@example.org"),
                Map.of("RET", "HDRS", "ENVID", "QQ314159"), null,
                Map.of("b@example.org", Map.of("NOTIFY", "SUCCESS,FAILURE", "ORCPT", "rfc822;b@example.org")));
        try (ScriptedServer peer = new ScriptedServer(List.of("DSN", "PIPELINING"), ForwardedClientTest::reply);
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.send(envelope, text("x\r\n"));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ314159",
                    "RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.org", "RCPT TO:<c@example.org>"),
                    peer.lines.subList(1, 4));
        }
        try (ScriptedServer peer = new ScriptedServer(List.of("PIPELINING"), ForwardedClientTest::reply);
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.send(envelope, text("x\r\n"));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "RCPT TO:<c@example.org>"),
                    peer.lines.subList(1, 4));
        }
    }
}
