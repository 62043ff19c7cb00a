package io.sluice.smtp.client;

import io.sluice.api.ClientOrigin;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.sluice.smtp.client.ForwardedClientTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the open relay a real Postfix showed: a session that acted for one client
 * must never carry another client's transaction (or the gateway's own) under that identity, and no
 * client's mail goes out without its identity while the mail server asks for it.
 */
class ActingForClientsTest {

    static final ClientOrigin INSIDE = new ClientOrigin("127.0.0.3", 40000, "inside.example", "ESMTP", null);
    static final ClientOrigin OUTSIDE = new ClientOrigin("127.0.0.5", 40001, "outside.example", "ESMTP", null);
    static final String XCLIENT = "XCLIENT NAME ADDR PORT PROTO HELO LOGIN";

    private static RelayEnvelope to(String recipient, ClientOrigin origin) {
        return new RelayEnvelope("a@example.org", List.of(recipient), Map.of(), origin);
    }

    /** Like Postfix with smtpd_authorized_xclient_hosts = the gateway: once it acts for a client, XCLIENT is gone. */
    private static ScriptedServer postfixLike(AtomicBoolean impersonating, String xclientReply) throws Exception {
        return new ScriptedServer(() -> impersonating.get() ? List.of("8BITMIME") : List.of(XCLIENT, "8BITMIME"),
                line -> {
                    if (line.startsWith("XCLIENT")) {
                        impersonating.set(xclientReply.startsWith("220"));
                        return xclientReply;
                    }
                    return line.equals("DATA") ? "354 go" : line.startsWith("AUTH") ? "235 2.7.0 ok" : "250 2.0.0 ok";
                });
    }

    @Test
    void aSessionWhoseMailServerNoLongerOffersXclientCannotActForAnotherClient() throws Exception {
        try (ScriptedServer peer = postfixLike(new AtomicBoolean(), "220 scripted ESMTP");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            assertTrue(client.send(to("a@outside.test", INSIDE), text("x\r\n")).delivered());
            assertTrue(client.canActFor(INSIDE));
            assertFalse(client.canActFor(OUTSIDE));
            assertFalse(client.canActFor(null));
            assertEquals(Reply.of(451, "4.7.0", "Error: the mail server session cannot act for this client, try again later"),
                    client.send(to("b@outside.test", OUTSIDE), text("y\r\n")).refusal());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.3 PORT=40000 PROTO=ESMTP HELO=inside.example LOGIN=[UNAVAILABLE]",
                    "EHLO inside.example", "MAIL FROM:<a@example.org>", "RCPT TO:<a@outside.test>", "DATA", "x", ".", "QUIT"),
                    peer.lines);
        }
    }

    @Test
    void aHeloTheMailServerWillNotTakeInEhloGivesWayToTheGatewaysName() throws Exception {
        AtomicBoolean impersonating = new AtomicBoolean();
        try (ScriptedServer peer = new ScriptedServer(() -> impersonating.get() ? List.of("8BITMIME") : List.of(XCLIENT),
                line -> {
                    if (line.startsWith("XCLIENT")) {
                        impersonating.set(true);
                        return "220 scripted ESMTP";
                    }
                    return line.equals("DATA") ? "354 go" : "250 2.0.0 ok";
                }); SmtpClient client = SmtpClient.connect(peer.settings())) {
            ClientOrigin spaced = new ClientOrigin("127.0.0.5", 40001, "two words", "SMTP", null);
            assertTrue(client.send(to("bob@dest.test", spaced), text("x\r\n")).delivered());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.5 PORT=40001 PROTO=SMTP HELO=two+20words LOGIN=[UNAVAILABLE]",
                    "EHLO gw.test", "MAIL FROM:<a@example.org>", "RCPT TO:<bob@dest.test>", "DATA", "x", ".", "QUIT"),
                    peer.lines);
        }
    }

    @Test
    void aRefusedXclientSendsNothingAndRetiresTheSession() throws Exception {
        try (ScriptedServer peer = postfixLike(new AtomicBoolean(), "501 5.5.4 Bad HELO syntax");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            assertEquals(Reply.of(451, "4.7.0", "Error: the mail server did not accept the client's identity "
                            + "(XCLIENT: 501 5.5.4 Bad HELO syntax), try again later"),
                    client.send(to("b@dest.test", OUTSIDE), text("y\r\n")).refusal());
            assertTrue(client.isUsable());
            assertFalse(client.canActFor(OUTSIDE));
            assertFalse(client.canActFor(INSIDE));
            assertFalse(client.canActFor(null));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.5 PORT=40001 PROTO=ESMTP HELO=outside.example LOGIN=[UNAVAILABLE]",
                    "QUIT"), peer.lines);
        }
    }

    @Test
    void aRefusedXforwardSendsNothing() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("XFORWARD NAME ADDR PROTO HELO SOURCE"),
                line -> line.startsWith("XFORWARD") ? "550 5.7.0 Error: insufficient authorization" : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            assertEquals(Reply.of(451, "4.7.0", "Error: the mail server did not accept the client's identity "
                            + "(XFORWARD: 550 5.7.0 Error: insufficient authorization), try again later"),
                    client.send(to("b@dest.test", OUTSIDE), text("y\r\n")).refusal());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XFORWARD NAME=[UNAVAILABLE] ADDR=127.0.0.5 PROTO=ESMTP HELO=outside.example SOURCE=REMOTE", "QUIT"),
                    peer.lines);
        }
    }

    @Test
    void verificationAsksForTheClientWithTheTransactionsSender() throws Exception {
        try (ScriptedServer peer = postfixLike(new AtomicBoolean(), "220 scripted ESMTP");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayEnvelope probe = new RelayEnvelope("ann@example.org", List.of("b@outside.test"), Map.of(), OUTSIDE);
            assertEquals(Reply.of(250, "2.0.0", "ok"), client.verify(probe));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.5 PORT=40001 PROTO=ESMTP HELO=outside.example LOGIN=[UNAVAILABLE]",
                    "EHLO outside.example", "MAIL FROM:<ann@example.org>", "RCPT TO:<b@outside.test>", "RSET", "QUIT"),
                    peer.lines);
        }
    }

    @Test
    void theCredentialCheckActsForTheClientFirst() throws Exception {
        AtomicBoolean impersonating = new AtomicBoolean();
        try (ScriptedServer peer = new ScriptedServer(() -> impersonating.get() ? List.of("AUTH PLAIN LOGIN")
                : List.of(XCLIENT, "AUTH PLAIN LOGIN"), line -> {
                    impersonating.compareAndSet(false, line.startsWith("XCLIENT"));
                    return line.startsWith("XCLIENT") ? "220 scripted ESMTP" : "535 5.7.8 Error: authentication failed";
                }); SmtpClient client = SmtpClient.connect(peer.settings())) {
            assertEquals(Reply.of(535, "5.7.8", "Error: authentication failed"),
                    client.authenticate(OUTSIDE, "bob", "wrong"));
            client.close();
            assertTrue(peer.awaitFinished());
            String token = Base64.getEncoder().encodeToString("\0bob\0wrong".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("EHLO gw.test",
                    "XCLIENT NAME=[UNAVAILABLE] ADDR=127.0.0.5 PORT=40001 PROTO=ESMTP HELO=outside.example LOGIN=[UNAVAILABLE]",
                    "EHLO outside.example", "AUTH PLAIN " + token, "QUIT"), peer.lines);
        }
    }
}
