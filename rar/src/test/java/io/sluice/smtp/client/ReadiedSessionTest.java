package io.sluice.smtp.client;

import io.sluice.api.ClientOrigin;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.sluice.smtp.client.ActingForClientsTest.INSIDE;
import static io.sluice.smtp.client.ActingForClientsTest.OUTSIDE;
import static io.sluice.smtp.client.ActingForClientsTest.XCLIENT;
import static io.sluice.smtp.client.ForwardedClientTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session readied for a client ahead of its message: XCLIENT goes out at once, the EHLO once
 * XCLIENT's reply is in, and the mail server never gets a command before the reply to the one
 * before (Postfix logs and refuses that after XCLIENT).
 */
class ReadiedSessionTest {

    private static final String XCLIENT_INSIDE =
            "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.3 PORT=40000 PROTO=ESMTP HELO=inside.example LOGIN=[UNAVAILABLE]";
    private static final String XCLIENT_OUTSIDE =
            "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.5 PORT=40001 PROTO=ESMTP HELO=outside.example LOGIN=[UNAVAILABLE]";

    /** A mail server that keeps offering XCLIENT to the gateway (Postfix re-checks it per client). */
    private static ScriptedServer server(Function<String, String> xclientReply) throws Exception {
        return new ScriptedServer(List.of(XCLIENT, "PIPELINING", "8BITMIME"), line -> line.startsWith("XCLIENT")
                ? xclientReply.apply(line) : line.equals("DATA") ? "354 go" : "250 2.0.0 ok");
    }

    private static RelayEnvelope to(String recipient, ClientOrigin origin) {
        return new RelayEnvelope("a@example.org", List.of(recipient), Map.of(), origin);
    }

    /**
     * Ends the session and checks every line the peer read, and that none of them came before the
     * reply to an XCLIENT.
     */
    private static void assertConversation(SmtpClient client, ScriptedServer peer, String... lines) throws Exception {
        client.close();
        assertTrue(peer.awaitFinished());
        assertEquals(List.of(lines), peer.lines);
        assertEquals(List.of(), peer.pipelinedAfter);
    }

    /** Waits until the peer has read {@code n} lines and answered the last (its reply then travels). */
    private static void awaitLines(ScriptedServer peer, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (peer.lines.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, peer.lines.size(), () -> "lines so far: " + peer.lines);
        Thread.sleep(50);
    }

    @Test
    void advanceSendsTheEhloOnceXclientIsAnsweredAndTheMessageFollowsOnTheSameIdentity() throws Exception {
        try (ScriptedServer peer = server(line -> "220 scripted ESMTP");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.advance(); // nothing readied: nothing sent
            client.readyFor(INSIDE);
            client.advance(); // XCLIENT's reply cannot be in yet (the peer waits before it answers): no EHLO
            awaitLines(peer, 2);
            client.advance();
            awaitLines(peer, 3);
            assertTrue(client.send(to("a@dest.test", INSIDE), text("x\r\n")).delivered());
            assertConversation(client, peer, "EHLO gw.test", XCLIENT_INSIDE, "EHLO inside.example", "MAIL FROM:<a@example.org>",
                    "RCPT TO:<a@dest.test>", "DATA", "x", ".", "QUIT");
        }
    }

    @Test
    void withoutAdvanceTheSendReadsXclientsReplyAndSaysEhloItself() throws Exception {
        try (ScriptedServer peer = server(line -> "220 scripted ESMTP");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.readyFor(INSIDE);
            assertTrue(client.send(to("a@dest.test", INSIDE), text("x\r\n")).delivered());
            client.readyFor(INSIDE); // it acts for that client now: nothing to send
            assertTrue(client.send(to("b@dest.test", INSIDE), text("y\r\n")).delivered());
            assertConversation(client, peer, "EHLO gw.test", XCLIENT_INSIDE, "EHLO inside.example", "MAIL FROM:<a@example.org>",
                    "RCPT TO:<a@dest.test>", "DATA", "x", ".", "MAIL FROM:<a@example.org>", "RCPT TO:<b@dest.test>",
                    "DATA", "y", ".", "QUIT");
        }
    }

    @Test
    void aSessionReadiedForOneClientIsFinishedBeforeItActsForAnother() throws Exception {
        try (ScriptedServer peer = server(line -> "220 scripted ESMTP");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.readyFor(INSIDE);
            assertEquals(Reply.of(250, "2.0.0", "ok"), client.noop());
            assertTrue(client.send(to("b@dest.test", OUTSIDE), text("y\r\n")).delivered());
            assertConversation(client, peer, "EHLO gw.test", XCLIENT_INSIDE, "EHLO inside.example", "NOOP", XCLIENT_OUTSIDE,
                    "EHLO outside.example", "MAIL FROM:<a@example.org>", "RCPT TO:<b@dest.test>", "DATA", "y", ".",
                    "QUIT");
        }
    }

    @Test
    void aReadiedClientWhoseIdentityIsRefusedGetsThatRefusalAndNothingIsSent() throws Exception {
        try (ScriptedServer peer = server(line -> "501 5.5.4 Bad HELO syntax");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.readyFor(OUTSIDE);
            awaitLines(peer, 2);
            client.advance(); // reads the refusal; no EHLO follows it
            assertEquals(Reply.of(451, "4.7.0", "Error: the mail server did not accept the client's identity "
                            + "(XCLIENT: 501 5.5.4 Bad HELO syntax), try again later"),
                    client.send(to("b@dest.test", OUTSIDE), text("y\r\n")).refusal());
            assertFalse(client.canActFor(OUTSIDE));
            assertFalse(client.canActFor(INSIDE));
            assertConversation(client, peer, "EHLO gw.test", XCLIENT_OUTSIDE, "QUIT");
        }
    }

    @Test
    void aSessionTheServerDroppedFailsTheSendAsRetryableWithNothingSent() throws Exception {
        try (ScriptedServer peer = server(line -> null); // closes the connection at XCLIENT
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.readyFor(OUTSIDE);
            assertTrue(peer.awaitFinished());
            client.advance(); // an ended connection has nothing to read yet: the send finds out
            RelayException e = assertThrows(RelayException.class, () -> client.send(to("b@dest.test", OUTSIDE),
                    text("y\r\n")));
            assertTrue(e.isRetryable(), e::getMessage); // the pool tries again on a fresh session
            assertFalse(client.isUsable());
            assertEquals(List.of("EHLO gw.test", XCLIENT_OUTSIDE), peer.lines);
        }
    }
}
