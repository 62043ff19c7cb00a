package io.sluice.smtp;

import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS (RFC 3207): offered, required or off; the handshake; no plain-text injection. */
class StartTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path dir;
    private static SSLContext server;
    private static SSLContext client;

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("tls");
        Path store = dir.resolve("tls.p12");
        server = ServerKeys.context(store, PASSWORD, TestServer.HOST, true);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("sluice");
        assertEquals("CN=" + TestServer.HOST, cert.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, TestServer.HOST)), cert.getSubjectAlternativeNames().stream()
                .map(l -> List.copyOf(l)).toList());
        // trust exactly that certificate, as a client that pinned it would
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static TestServer server(TlsMode mode) throws IOException {
        return new TestServer(b -> b.tls(mode, mode == TlsMode.OFF ? null : server));
    }

    private static List<String> ehlo(Conversation c) throws IOException {
        c.send("EHLO client.example");
        List<String> lines = new java.util.ArrayList<>();
        String line;
        do {
            line = c.readLine();
            lines.add(line);
        } while (line.startsWith("250-"));
        return lines;
    }

    @Test
    void theKeyIsCreatedOnceAndKeptAcrossStarts() throws Exception {
        Path store = dir.resolve("tls.p12");
        byte[] first = Files.readAllBytes(store);
        ServerKeys.context(store, PASSWORD, TestServer.HOST, true);
        assertArrayEquals(first, Files.readAllBytes(store));
        assertThrows(IOException.class, () -> ServerKeys.context(dir.resolve("missing.p12"), PASSWORD, "x", false));
    }

    @Test
    void offeredThenNegotiatedAndTheSessionStartsOver() throws Exception {
        try (TestServer s = server(TlsMode.OFFER); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals(List.of("250-" + TestServer.HOST, "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN", "250 STARTTLS"), ehlo(c));
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
            SSLSession tls = c.startTls(client);
            assertTrue(tls.getProtocol().equals("TLSv1.3"), tls.getProtocol());
            // everything before the handshake is forgotten: the transaction and the greeting
            c.exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
            assertEquals(List.of("250-" + TestServer.HOST, "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN", "250 AUTH PLAIN LOGIN"), ehlo(c)); // AUTH only now, over TLS
            c.exchange("STARTTLS", "503 5.5.1 Error: TLS already active");
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            c.sendRaw("Subject: over TLS\r\n\r\nhi\r\n.\r\n");
            c.readLine();
            var received = s.listener.messages.get(0).transaction().client();
            assertEquals("TLSv1.3", received.tlsProtocol());
            assertEquals(tls.getCipherSuite(), received.tlsCipher());
            assertEquals("ESMTPS", received.protocol());
        }
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscardedNotRunAfterTheHandshake() throws Exception {
        try (TestServer s = server(TlsMode.OFFER); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            ehlo(c);
            // an attacker in the middle appends a command to the client's STARTTLS (CVE-2011-0411)
            c.sendRaw("STARTTLS\r\nEHLO injected.example\r\nMAIL FROM:<injected@example.org>\r\n");
            c.expect("220 2.0.0 Ready to start TLS");
            c.startTls(client);
            ehlo(c);
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok"); // not "nested MAIL": the injected one never ran
            assertEquals(List.of(), s.listener.recipientCalls);
        }
    }

    @Test
    void requiredMeansNoMailBeforeTheHandshake() throws Exception {
        try (TestServer s = server(TlsMode.REQUIRE); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            ehlo(c);
            c.exchange("MAIL FROM:<a@example.org>", "530 5.7.0 Must issue a STARTTLS command first");
            c.exchange("STARTTLS now", "501 5.5.4 Syntax: STARTTLS");
            c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.startTls(client);
            ehlo(c);
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        }
    }

    @Test
    void offNeitherOffersNorKnowsIt() throws Exception {
        try (TestServer s = server(TlsMode.OFF); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals("250 DSN", ehlo(c).get(6));
            c.exchange("STARTTLS", "500 5.5.2 Error: command not recognized");
        }
    }

    /** Greeted, past EHLO, and told to start the handshake. */
    private static Conversation readyForHandshake(TestServer s) throws IOException {
        Conversation c = s.connect();
        c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
        ehlo(c);
        c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
        return c;
    }

    @Test
    void tlsOlderThan12IsRefused() throws Exception {
        try (TestServer s = server(TlsMode.OFFER); Conversation c = readyForHandshake(s)) {
            assertThrows(SSLHandshakeException.class, () -> c.startTls(client, "TLSv1.1"));
        }
    }

    /**
     * Regression: a TLS 1.2 client could renegotiate as often as it liked, each handshake costing
     * the server far more than the client (testssl.sh reports it as a DoS threat). JSSE refuses it
     * with {@code jdk.tls.rejectClientInitiatedRenegotiation=true}, which sluice.cli sets for the
     * server and this module's build for its tests; TLS 1.3 has no renegotiation at all.
     */
    @Test
    void aTls12ClientCannotRenegotiate() throws Exception {
        try (TestServer s = server(TlsMode.OFFER); Conversation c = readyForHandshake(s)) {
            assertEquals("TLSv1.2", c.startTls(client, "TLSv1.2").getProtocol());
            c.exchange("NOOP", "250 2.0.0 Ok");
            c.renegotiate();
            SSLException refused = assertThrows(SSLException.class, () -> c.exchange("NOOP", "250 2.0.0 Ok"));
            assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
        }
    }
}
