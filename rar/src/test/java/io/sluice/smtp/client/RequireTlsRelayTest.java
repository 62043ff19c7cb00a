package io.sluice.smtp.client;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.MailParameters;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Decision;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import io.sluice.smtp.server.SmtpServer;
import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REQUIRETLS (RFC 8689 §4.2.1) on the relay side, against Sluice's own engine as the mail server:
 * passed on over TLS to a server that offers it, and otherwise the message is refused with 5.7.30
 * before anything is sent.
 */
class RequireTlsRelayTest {

    private static final MailParameters REQUIRE_TLS = MailParameters.NONE.withRequireTls();

    /** The engine as a mail server that offers REQUIRETLS over TLS when {@code offers} says so. */
    private static final class Downstream implements SmtpListener, AutoCloseable {
        final List<Transaction> received = new CopyOnWriteArrayList<>();
        final SmtpServer server;
        final Set<String> behind;

        Downstream(TlsMode mode, Set<String> behind) throws Exception {
            this.behind = behind;
            Path dir = Files.createTempDirectory("requiretls-relay");
            dir.toFile().deleteOnExit();
            server = new SmtpServer(SmtpSettings.builder().bindAddress("127.0.0.1").port(0).hostname("downstream.test")
                    .tls(mode, mode == TlsMode.OFF ? null : ServerKeys.context(dir.resolve("k.p12"),
                            "pw".toCharArray(), "downstream.test", true)).build(), this, (name, task) -> {
                        Thread t = new Thread(task, name);
                        t.setDaemon(true);
                        t.start();
                    });
            server.bind();
            server.start();
        }

        SmtpClient connect(DownstreamTls tls) throws Exception {
            return SmtpClient.connect(new ClientSettings("127.0.0.1", server.boundAddress().getPort(), "gw.test",
                    Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), tls, false, null));
        }

        @Override
        public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
            return ConnectDecision.ACCEPT.withMailServerExtensions(behind);
        }

        @Override
        public Decision recipient(Transaction t, Recipient r) {
            return Decision.accept(Reply.of(250, "2.1.5", "Ok"));
        }

        @Override
        public Decision message(Transaction t, MessageContent c) {
            received.add(t);
            return Decision.accept(Reply.of(250, "2.0.0", "Ok"));
        }

        @Override
        public void close() {
            server.close(1000);
        }
    }

    private static RelayResult send(SmtpClient client) throws Exception {
        return client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), REQUIRE_TLS, null),
                ForwardedClientTest.text("x\r\n"));
    }

    @Test
    void passedOnOverTlsToAServerThatOffersIt() throws Exception {
        try (Downstream d = new Downstream(TlsMode.OFFER, Set.of("REQUIRETLS"));
             SmtpClient client = d.connect(DownstreamTls.OPPORTUNISTIC)) {
            RelayResult r = send(client);
            assertTrue(r.delivered(), r.toString());
            assertEquals(REQUIRE_TLS.withSize(3), d.received.get(0).mail()); // SIZE: the relay declares what it sends
        }
    }

    @Test
    void refusedWhenTheServerDoesNotOfferIt() throws Exception {
        try (Downstream d = new Downstream(TlsMode.OFFER, Set.of());
             SmtpClient client = d.connect(DownstreamTls.OPPORTUNISTIC)) {
            RelayResult r = send(client);
            assertEquals("550 5.7.30 REQUIRETLS support required", r.mail().toWire());
            assertNull(r.finalReply());
            assertTrue(d.received.isEmpty());
            assertTrue(client.isUsable()); // nothing was sent, so the session stays good for other mail
        }
    }

    /** A server that lists it in plain text (against §2) still gets no such message without TLS. */
    @Test
    void refusedWhenTheSessionWithTheServerIsNotEncrypted() throws Exception {
        try (ScriptedServer peer = new ScriptedServer(List.of("PIPELINING", "REQUIRETLS"), line -> "250 2.0.0 ok");
             SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayResult r = send(client);
            assertEquals("550 5.7.30 REQUIRETLS support required", r.mail().toWire());
            client.close();
            assertTrue(peer.awaitFinished());
            assertEquals(List.of("EHLO gw.test", "QUIT"), peer.lines);
        }
    }
}
