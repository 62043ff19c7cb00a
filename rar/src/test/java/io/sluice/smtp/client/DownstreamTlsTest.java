package io.sluice.smtp.client;

import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Decision;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.ra.outbound.RelayManagedConnectionFactory;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import io.sluice.smtp.server.SmtpServer;
import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.Test;

import io.sluice.ra.outbound.RelayManagedConnectionFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS towards the downstream, against Sluice's own engine as the downstream. */
class DownstreamTlsTest {

    /** The engine as a downstream that records which TLS version each message came over. */
    private static final class Downstream implements SmtpListener, AutoCloseable {
        final List<String> tls = new CopyOnWriteArrayList<>();
        final SmtpServer server;
        final Path dir;

        Downstream(TlsMode mode) throws Exception {
            this(mode, "downstream.test");
        }

        /** @param certifiedName the name its (self-signed) certificate is for */
        Downstream(TlsMode mode, String certifiedName) throws Exception {
            dir = Files.createTempDirectory("downstream-tls");
            SSLContext context = mode == TlsMode.OFF ? null
                    : ServerKeys.context(dir.resolve("k.p12"), "pw".toCharArray(), certifiedName, true);
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
                    Duration.ofSeconds(2), Duration.ofSeconds(2), tls, verify, null);
        }

        /** The relay's configuration as the adapter gets it, towards this downstream by the name {@code localhost}. */
        RelayManagedConnectionFactory relay(String tls) {
            RelayManagedConnectionFactory f = new RelayManagedConnectionFactory();
            f.setHost("localhost");
            f.setPort(server.boundAddress().getPort());
            f.setHeloName("gw.test");
            f.setTls(tls);
            return f;
        }

        /** Its certificate in PEM, as an administrator would hand it to the relay. */
        Path certificatePem() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("k.p12"))) {
                ks.load(in, "pw".toCharArray());
            }
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(ks.getCertificate("sluice").getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(dir.resolve("downstream.pem"), pem);
        }

        @Override
        public Decision recipient(Transaction t, Recipient r) {
            return Decision.accept(Reply.of(250, "2.1.5", "Ok"));
        }

        @Override
        public Decision message(Transaction t, MessageContent c) {
            tls.add(String.valueOf(t.client().tlsProtocol()));
            return Decision.accept(Reply.of(250, "2.0.0", "Ok"));
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

    /**
     * Regression: sluice.relay.tls=REQUIRED without sluice.relay.tls.verify trusted any certificate,
     * while AUTH passwords go over that session. Now REQUIRED verifies unless told explicitly not to.
     */
    @Test
    void requiredVerifiesTheCertificateUnlessExplicitlyToldNotTo() throws Exception {
        try (Downstream d = new Downstream(TlsMode.OFFER, "localhost")) {
            RelayManagedConnectionFactory relay = d.relay("REQUIRED");
            assertThrows(SSLHandshakeException.class, () -> SmtpClient.connect(relay.clientSettings())); // self-signed
            relay.setVerifyCertificate("false");
            try (SmtpClient c = SmtpClient.connect(relay.clientSettings())) {
                assertTrue(c.tls().startsWith("TLSv1.3 "), c.tls());
            }
            relay.setVerifyCertificate("");
            relay.setTrustStore(d.certificatePem().toString());
            try (SmtpClient c = SmtpClient.connect(relay.clientSettings())) { // trusted, and it names the host
                assertTrue(send(c).delivered());
            }
        }
        try (Downstream d = new Downstream(TlsMode.OFFER, "other.test")) {
            RelayManagedConnectionFactory relay = d.relay("REQUIRED");
            relay.setTrustStore(d.certificatePem().toString());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> SmtpClient.connect(relay.clientSettings()));
            assertTrue(e.getMessage().contains("localhost"), e.getMessage()); // trusted, but for another name
        }
    }

    @Test
    void opportunisticNeverVerifiesUnlessAskedAndTheDefaultsLiveInOnePlace() throws Exception {
        ClientSettings defaults = new RelayManagedConnectionFactory().clientSettings();
        assertEquals(DownstreamTls.OPPORTUNISTIC, defaults.tls());
        assertFalse(defaults.verify());
        assertNull(defaults.trustStore());
        try (Downstream d = new Downstream(TlsMode.OFFER, "localhost");
             SmtpClient c = SmtpClient.connect(d.relay("").clientSettings())) {
            assertTrue(c.tls().startsWith("TLSv1.3 "), c.tls()); // a self-signed certificate will do (RFC 7435)
        }
        assertTrue(DownstreamTls.OPPORTUNISTIC.verify(" TRUE "));
        assertFalse(DownstreamTls.REQUIRED.verify("false"));
        assertFalse(DownstreamTls.OFF.verify(null));
        assertThrows(IllegalArgumentException.class, () -> DownstreamTls.REQUIRED.verify("yes"));
    }
}
