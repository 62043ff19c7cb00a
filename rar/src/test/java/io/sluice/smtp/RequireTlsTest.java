package io.sluice.smtp;

import io.sluice.api.ConnectDecision;
import io.sluice.api.MailParameters;
import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * REQUIRETLS (RFC 8689): offered only on an encrypted session while the mail server behind offers
 * it; the parameter is taken only there, and kept for the relay.
 */
class RequireTlsTest {

    private static Path dir;
    private static SSLContext server;
    private static SSLContext client;

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("requiretls");
        server = ServerKeys.context(dir.resolve("tls.p12"), "changeit".toCharArray(), TestServer.HOST, true);
        client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new X509TrustManager() { // the test trusts its own server
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static TestServer server(Set<String> mailServerOffers) throws IOException {
        TestServer s = new TestServer(b -> b.tls(TlsMode.OFFER, server));
        s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 0, 0, 0, mailServerOffers);
        return s;
    }

    private static List<String> ehlo(Conversation c) throws IOException {
        c.send("EHLO client.example");
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = c.readLine();
            lines.add(line);
        } while (line.startsWith("250-"));
        return lines;
    }

    private static void startTls(Conversation c) throws IOException {
        c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
        c.startTls(client);
    }

    @Test
    void offeredAndTakenOnlyOverTls() throws Exception {
        try (TestServer s = server(Set.of("REQUIRETLS")); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals(List.of("250-" + TestServer.HOST, "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN", "250 STARTTLS"), ehlo(c));
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS", "555 5.5.4 Error: unsupported parameter REQUIRETLS");
            startTls(c);
            assertEquals(List.of("250-" + TestServer.HOST, "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN", "250-AUTH PLAIN LOGIN", "250 REQUIRETLS"), ehlo(c));
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS=YES", "501 5.5.4 Error: REQUIRETLS takes no value");
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            c.sendRaw("Subject: secret\r\n\r\nhi\r\n.\r\n");
            c.expectQueued(s.listener, 0);
            MailParameters sent = s.listener.messages.get(0).transaction().mail();
            assertEquals(MailParameters.NONE.withRequireTls(), sent);
            assertEquals(java.util.Collections.singletonMap("REQUIRETLS", null),
                    s.listener.messages.get(0).transaction().mailParameters());
        }
    }

    /** §4.1: the gateway cannot promise what the mail server behind will not honour, so it says so at MAIL. */
    @Test
    void refusedWithTheRfcCodeWhenTheMailServerDoesNotOfferIt() throws Exception {
        try (TestServer s = server(Set.of()); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            ehlo(c);
            startTls(c);
            assertFalse(ehlo(c).contains("250 REQUIRETLS"));
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS", "550 5.7.30 REQUIRETLS support required");
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok"); // and without it the mail goes
        }
    }
}
