package io.sluice.smtp.client;

import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.RecipientDecision;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import io.sluice.smtp.server.SmtpServer;
import io.sluice.smtp.tls.ServerKeys;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS towards the downstream, against Sluice's own engine as the downstream. */
class DownstreamTlsTest {

    /** The engine as a downstream that records which TLS version each message came over. */
    private static final class Downstream implements SmtpListener, AutoCloseable {
        final List<String> tls = new CopyOnWriteArrayList<>();
        final SmtpServer server;

        Downstream(TlsMode mode) throws Exception {
            Path dir = Files.createTempDirectory("downstream-tls");
            SSLContext context = mode == TlsMode.OFF ? null
                    : ServerKeys.context(dir.resolve("k.p12"), "pw".toCharArray(), "downstream.test", true);
            server = new SmtpServer(SmtpSettings.builder().bindAddress("127.0.0.1").port(0).hostname("downstream.test")
                    .tls(mode, context).build(), this, (name, task) -> {
                        Thread t = new Thread(task, name);
                        t.setDaemon(true);
                        t.start();
                    });
            server.bind();
            server.start();
        }

        ClientSettings client(DownstreamTls tls, boolean verify) {
            return new ClientSettings("127.0.0.1", server.boundAddress().getPort(), "gw.test", Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), tls, verify);
        }

        @Override
        public RecipientDecision recipient(Transaction t, Recipient r) {
            return new RecipientDecision(Reply.of(250, "2.1.5", "Ok"), "p");
        }

        @Override
        public Reply message(Transaction t, MessageContent c) {
            tls.add(String.valueOf(t.client().tlsProtocol()));
            return Reply.of(250, "2.0.0", "Ok");
        }

        @Override
        public void close() {
            server.close(1000);
        }
    }

    private static RelayResult send(SmtpClient client) throws Exception {
        return client.send(new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of()),
                ForwardedClientTest.text("x\r\n"));
    }

    @Test
    void opportunisticUsesTlsWhenOfferedAndPlainTextWhenNot() throws Exception {
        try (Downstream d = new Downstream(TlsMode.OFFER);
             SmtpClient c = SmtpClient.connect(d.client(DownstreamTls.OPPORTUNISTIC, false))) {
            assertTrue(c.tls().startsWith("TLSv1.3 "), c.tls());
            assertTrue(send(c).delivered());
            assertTrue(c.capabilities().has("AUTH")); // offered by the downstream only over TLS
            assertEquals(List.of("TLSv1.3"), d.tls);
        }
        try (Downstream d = new Downstream(TlsMode.OFF);
             SmtpClient c = SmtpClient.connect(d.client(DownstreamTls.OPPORTUNISTIC, false))) {
            assertNull(c.tls());
            assertTrue(send(c).delivered());
            assertEquals(List.of("null"), d.tls);
        }
    }

    @Test
    void requiredRefusesADownstreamWithoutTlsAndVerifyRefusesAnUntrustedCertificate() throws Exception {
        try (Downstream d = new Downstream(TlsMode.OFF)) {
            IOException e = assertThrows(IOException.class,
                    () -> SmtpClient.connect(d.client(DownstreamTls.REQUIRED, false)));
            assertEquals("downstream offers no STARTTLS, which is required", e.getMessage());
        }
        try (Downstream d = new Downstream(TlsMode.OFFER)) {
            assertThrows(javax.net.ssl.SSLHandshakeException.class,
                    () -> SmtpClient.connect(d.client(DownstreamTls.REQUIRED, true))); // self-signed: not trusted
        }
    }
}
