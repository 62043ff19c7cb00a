package io.sluice.smtp.client;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;
import io.sluice.api.Recipient;
import io.sluice.api.Decision;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import io.sluice.smtp.server.SmtpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay client against the gateway's own server engine, and against scripted peers for the odd cases. */
class SmtpClientTest {

    private static final List<String> PIPELINING = List.of("PIPELINING", "SIZE 1000000", "8BITMIME");

    static MessageSource text(String s) {
        return MessageSource.of(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Our own server engine as the downstream, recording what it receives. */
    private static final class Downstream implements SmtpListener, AutoCloseable {
        final List<String> contents = new CopyOnWriteArrayList<>();
        final List<Transaction> transactions = new CopyOnWriteArrayList<>();
        final SmtpServer server;

        Downstream() throws IOException {
            server = new SmtpServer(SmtpSettings.builder().bindAddress("127.0.0.1").port(0).hostname("down.test")
                    .tlsMode(TlsMode.OFF).build(),
                    this, (n, t) -> new Thread(t, n).start());
            server.bind();
            server.start();
        }

        ClientSettings settings() {
            return new ClientSettings("127.0.0.1", server.boundAddress().getPort(), "gw.test", Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        @Override
        public Decision recipient(Transaction t, Recipient r) {
            return Decision.of(r.address().startsWith("unknown")
                    ? Reply.of(550, "5.1.1", "<" + r.address() + ">: Recipient address rejected: User unknown")
                    : Reply.of(250, "2.1.5", "Ok"));
        }

        @Override
        public Decision message(Transaction t, MessageContent c) {
            try (InputStream in = c.openStream()) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                transactions.add(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Decision.accept(Reply.of(250, "2.0.0", "Ok: queued as " + t.queueId()));
        }

        @Override
        public void close() {
            server.close(1000);
        }
    }

    @Test
    void relaysSeveralMessagesOverOneSessionWithExactContent() throws IOException {
        try (Downstream down = new Downstream(); SmtpClient client = SmtpClient.connect(down.settings())) {
            assertTrue(client.capabilities().has("PIPELINING"));
            assertEquals(52428800, client.capabilities().maxSize());
            String content = "Subject: dots\r\n\r\n.leading dot\r\n..two\r\n.\r\nend\r\n";
            RelayResult r1 = client.send(new RelayEnvelope("a@example.org", List.of("b@example.org", "c@example.org"),
                    Map.of("BODY", "8BITMIME")), text(content));
            RelayResult r2 = client.send(new RelayEnvelope("", List.of("d@example.org"), Map.of()), text("x\r\n"));
            assertTrue(r1.delivered());
            assertTrue(r2.delivered());
            assertEquals("Ok: queued as " + down.transactions.get(0).queueId(), r1.finalReply().text());
            assertEquals(List.of(content, "x\r\n"), down.contents);
            assertEquals(Map.of("SIZE", String.valueOf(content.length()), "BODY", "8BITMIME"),
                    down.transactions.get(0).mailParameters());
            assertEquals("", down.transactions.get(1).sender());
            assertEquals(1, down.server.statistics().acceptedConnections());
        }
    }

    @Test
    void aBinaryMessageIsNeverSentToADownstreamThatCannotTakeIt() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("PIPELINING", "CHUNKING"), line -> "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"),
                    Map.of("BODY", "BINARYMIME")), text("\0binary"));
            assertEquals(Reply.of(554, "5.6.3", "the mail server does not take binary MIME messages"), r.refusal());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "QUIT"), peer.lines);
        }
    }

    @Test
    void withBdatTheContentGoesExactlyWithDataWithoutAFinalCrlfItGetsOne() throws Exception {
        try (Downstream down = new Downstream(); SmtpClient client = SmtpClient.connect(down.settings())) {
            assertTrue(client.capabilities().has("CHUNKING")); // the engine offers it: one BDAT ... LAST
            client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()), text("no newline"));
            assertEquals(List.of("no newline"), down.contents);
        }
        try (ScriptedServer peer = new ScriptedServer(List.of("PIPELINING"), line -> line.equals("DATA") ? "354 go"
                : "250 2.0.0 ok"); SmtpClient client = SmtpClient.connect(peer.settings())) {
            client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()), text("no newline"));
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("DATA", "no newline", "."), peer.lines.subList(3, 6));
        }
    }

    static RelayEnvelope probe(String recipient) {
        return new RelayEnvelope("a@example.org", List.of(recipient), Map.of());
    }

    @Test
    void verifyReturnsTheDownstreamsOwnReplyAndLeavesTheSessionClean() throws IOException {
        try (Downstream down = new Downstream(); SmtpClient client = SmtpClient.connect(down.settings())) {
            assertEquals(Reply.of(550, "5.1.1", "<unknown@example.org>: Recipient address rejected: User unknown"),
                    client.verify(probe("unknown@example.org")));
            assertEquals(Reply.of(250, "2.1.5", "Ok"), client.verify(probe("known@example.org")));
            assertFalse(client.needsReset());
            assertTrue(client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()),
                    text("x\r\n")).delivered());
        }
    }

    @Test
    void aRefusedRecipientStopsTheWholeTransaction() throws IOException {
        try (Downstream down = new Downstream(); SmtpClient client = SmtpClient.connect(down.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org",
                    List.of("b@example.org", "unknown@example.org"), Map.of()), text("x\r\n"));
            assertFalse(r.delivered());
            assertEquals(1, r.refusedRecipient());
            assertEquals(550, r.refusal().code());
            assertNull(r.finalReply());
            assertTrue(down.contents.isEmpty());
            assertFalse(client.needsReset());
            assertTrue(client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()),
                    text("y\r\n")).delivered(), "the session was reset and is still usable");
            assertEquals(List.of("y\r\n"), down.contents);
        }
    }

    @Test
    void withoutPipeliningCommandsGoOneByOneAndStopAtTheFirstRefusal() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("SIZE 1000"), line ->
                line.startsWith("RCPT TO:<bad") ? "550 5.1.1 no such user" : line.equals("RSET") ? "250 2.0.0 ok"
                        : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org",
                    List.of("good@example.org", "bad@example.org", "other@example.org"), Map.of("BODY", "8BITMIME")),
                    text("x\r\n"));
            assertEquals(2, r.recipients().size());
            assertNull(r.data());
            assertTrue(client.isUsable());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<good@example.org>",
                    "RCPT TO:<bad@example.org>", "RSET", "QUIT"), peer.lines);
        }
    }

    @Test
    void withPipeliningMailAndRecipientsGoTogetherAndDataOnlyAfterAllAreAccepted() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line ->
                line.startsWith("RCPT TO:<bad") ? "550 5.1.1 no such user"
                        : line.equals("DATA") ? "354 go ahead" : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult refused = client.send(new RelayEnvelope("a@example.org",
                    List.of("good@example.org", "bad@example.org"), Map.of()), text("x\r\n"));
            assertEquals(Reply.of(550, "5.1.1", "no such user"), refused.refusal());
            assertNull(refused.data());
            RelayResult sent = client.send(new RelayEnvelope("a@example.org", List.of("good@example.org"), Map.of()),
                    text("x\r\n"));
            assertTrue(sent.delivered());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<good@example.org>",
                    "RCPT TO:<bad@example.org>", "RSET", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<good@example.org>",
                    "DATA", "x", ".", "QUIT"), peer.lines);
        }
    }

    @Test
    void withOneRecipientDataJoinsTheGroupAndARefusalStillDeliversNothing() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line ->
                line.startsWith("RCPT TO:<bad") && refused.compareAndSet(false, true) ? "550 5.1.1 no such user"
                        : line.equals("DATA") ? (refused.get() ? "554 5.5.1 Error: no valid recipients" : "354 go ahead")
                        : line.equals("RSET") && refused.compareAndSet(true, false) ? "250 2.0.0 ok" : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org", List.of("bad@example.org"), Map.of()),
                    text("x\r\n"));
            assertEquals(Reply.of(550, "5.1.1", "no such user"), r.refusal());
            assertNull(r.data());
            assertTrue(client.isUsable());
            assertTrue(client.send(new RelayEnvelope("a@example.org", List.of("good@example.org"), Map.of()),
                    text("y\r\n")).delivered());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<bad@example.org>", "DATA",
                    "RSET", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<good@example.org>", "DATA", "y", ".", "QUIT"),
                    peer.lines);
        }
    }

    @Test
    void aServerThatTakesDataAfterRefusingTheRecipientGetsNoContentButADroppedConnection() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line ->
                line.startsWith("RCPT") ? "550 5.1.1 no such user" : line.equals("DATA") ? "354 go ahead" : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org", List.of("bad@example.org"), Map.of()),
                    text("x\r\n"));
            assertFalse(r.delivered());
            assertEquals(Reply.of(550, "5.1.1", "no such user"), r.refusal());
            assertFalse(client.isUsable());
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "MAIL FROM:<a@example.org> SIZE=3", "RCPT TO:<bad@example.org>", "DATA"),
                    peer.lines);
            assertFalse(peer.sawEndOfData);
            assertTrue(peer.closedByClient);
        }
    }

    @Test
    void a421MakesTheSessionUnusableAndNoFurtherReplyIsAwaited() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        // like a real server: 421 to MAIL, then it closes without answering the pipelined RCPT
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line -> closing.get() ? null
                : line.startsWith("MAIL") && closing.compareAndSet(false, true) ? "421 4.3.2 shutting down"
                : "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()),
                    text("x\r\n"));
            assertEquals(Reply.of(421, "4.3.2", "shutting down"), r.refusal());
            assertEquals(List.of(), r.recipients());
            assertFalse(client.isUsable());
        }
    }

    @Test
    void aConnectionTheServerClosedIsRetryable() throws IOException {
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line -> null);  // closes on the first command
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayException e = assertThrows(RelayException.class, () -> client.send(
                    new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()), text("x\r\n")));
            assertTrue(e.isRetryable(), e.getMessage());
            assertFalse(client.isUsable());
        }
    }

    @Test
    void aTimeoutIsNotRetryable() throws IOException {
        try (ScriptedServer peer = new ScriptedServer(PIPELINING, line -> {
            if (line.equals(".")) {
                sleep(3000);
            }
            return line.equals("DATA") ? "354 go" : "250 2.0.0 ok";
        }); SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayException e = assertThrows(RelayException.class, () -> client.send(
                    new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()), text("x\r\n")));
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().endsWith("failed: timeout"), e.getMessage());
        }
    }

    @Test
    void repliesWithoutEnhancedCodesGetOneFromTheirClass() {
        assertEquals(EnhancedStatus.PERMANENT_FAILURE, ReplyReader.withStatus(Reply.of(550, null, "no")).status());
        assertEquals("5.1.1", ReplyReader.withStatus(Reply.of(550, "5.1.1", "no")).status());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
