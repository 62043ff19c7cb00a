package io.sluice.it;

import io.sluice.smtp.Conversation;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REQUIRETLS (RFC 8689) through the deployed gateway: offered to a client over TLS while the mail
 * server behind offers it, and passed on to it over TLS; refused with 5.7.30 when the mail server
 * (a real Postfix 3.7, which has no REQUIRETLS) does not offer it.
 */
class RequireTlsIT extends GatewayTest {

    private static final String PASSWORD = "changeit";

    /** A self-signed key for the recording mail server, made by the JDK's keytool. */
    private static SSLContext selfSigned() throws Exception {
        Path dir = Files.createTempDirectory("downstream-tls");
        Path store = dir.resolve("k.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "downstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=downstream.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        Files.delete(store);
        Files.delete(dir);
        return context;
    }

    /** A client session with the gateway after STARTTLS; returns the EHLO lines said over TLS. */
    private static List<String> overTls(Conversation c) throws Exception {
        c.expect("220 " + Gateway.HOST + " ESMTP Sluice").ehlo();
        c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
        c.startTls(TlsIT.trustAll());
        c.send("EHLO client.example");
        List<String> ehlo = new ArrayList<>();
        String line;
        do {
            line = c.readLine();
            ehlo.add(line);
        } while (line.startsWith("250-"));
        return ehlo;
    }

    @Test
    void passedOnOverTlsToAMailServerThatOffersIt() throws Exception {
        downstream.tls = selfSigned();
        downstream.extensions = List.of("REQUIRETLS");
        // one message first: pooled sessions with the previous test's mail server are found dead and replaced
        assertTrue(Gateway.send("a@example.org", "b@example.org", "Subject: warm-up\r\n\r\nx\r\n").startsWith("250 "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        downstream.deliveries.clear();
        downstream.commands.clear();
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            List<String> ehlo = overTls(c);
            assertTrue(ehlo.contains("250-REQUIRETLS") || ehlo.contains("250 REQUIRETLS"), ehlo.toString());
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            c.sendRaw("Subject: for your eyes only\r\n\r\nsecret\r\n.\r\n");
            String reply = c.readLine();
            assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertTrue(downstream.encrypted.contains(d.connection()), "delivered over plain text");
        assertTrue(downstream.commands.stream().anyMatch(l -> l.matches(d.connection()
                + ": MAIL FROM:<a@example\\.org> SIZE=\\d+ REQUIRETLS")), downstream.commands.toString());
    }

    @Test
    void refusedWithTheRfcCodeWhenThePostfixBehindDoesNotOfferIt() throws Exception {
        downstream.close(); // the port is Postfix's for this test
        try (PostfixServer postfix = PostfixServer.on(Gateway.DOWNSTREAM_PORT).mynetworks("127.0.0.0/8").start();
             Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            List<String> ehlo = overTls(c);
            assertFalse(ehlo.stream().anyMatch(l -> l.contains("REQUIRETLS")), ehlo.toString());
            c.exchange("MAIL FROM:<a@example.org> REQUIRETLS", "550 5.7.30 REQUIRETLS support required");
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok"); // without it the mail may go
            c.exchange("QUIT", "221 2.0.0 Bye");
            assertTrue(postfix.log().stream().noneMatch(l -> l.contains("REQUIRETLS")), postfix.log().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
