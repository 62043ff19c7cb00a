package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS with real clients: swaks, openssl s_client, and a raw client trying to inject commands. */
class TlsIT extends GatewayTest {

    private final Api admin = Api.admin();

    /** Runs a command with stdin closed; returns its exit code and everything it printed. */
    record Run(int exit, String output) {
    }

    static Run run(List<String> command, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void swaksDeliversOverStartTlsAndTheTraceAndTrackingSayHow() throws Exception {
        Run swaks = run(List.of("swaks", "--server", "127.0.0.1:" + Gateway.SMTP_PORT, "--tls", "--ehlo", "client.example",
                "--from", "ann@example.org", "--to", "bob@example.com", "--header", "Subject: over TLS",
                "--body", "sent encrypted"), "");
        assertEquals(0, swaks.exit(), swaks.output());
        assertTrue(swaks.output().contains("<-  220 2.0.0 Ready to start TLS"), swaks.output());
        Matcher reply = Pattern.compile("<~  (250 2\\.0\\.0 Ok: queued as (\\S+) \\(downstream[^\\n]*)").matcher(swaks.output());
        assertTrue(reply.find(), swaks.output());
        String queueId = reply.group(2);

        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        Matcher received = Pattern.compile("Received: from client\\.example \\(\\[127\\.0\\.0\\.1]\\)\r\n"
                + "\t\\(using (TLSv1\\.[23]) with cipher (TLS_\\w+)\\)\r\n\tby gateway\\.test \\(Sluice\\) with ESMTPS id "
                + queueId + "\r\n\tfor <bob@example\\.com>; .*\r\n").matcher(t.received());
        assertTrue(received.matches(), t.received());
        JsonObject row = TrackingIT.tracked(admin, queueId);
        assertEquals(true, row.getBoolean("tls"));
    }

    @Test
    void openSslNegotiatesTls12And13ButNothingOlder() throws Exception {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Run ok = run(List.of("openssl", "s_client", "-starttls", "smtp", "-connect", "127.0.0.1:" + Gateway.SMTP_PORT,
                    version, "-brief"), "QUIT\n");
            assertTrue(ok.output().contains("Protocol version: TLSv1." + version.charAt(version.length() - 1)),
                    ok.output());
        }
        for (String version : List.of("-tls1_1", "-tls1")) {
            Run old = run(List.of("openssl", "s_client", "-starttls", "smtp", "-connect", "127.0.0.1:" + Gateway.SMTP_PORT,
                    version, "-cipher", "DEFAULT@SECLEVEL=0", "-brief"), "QUIT\n");
            assertNotEquals(0, old.exit(), old.output());
            assertTrue(!old.output().contains("Protocol version"), old.output());
        }
    }

    @Test
    void commandsInjectedBehindStartTlsAreNeverRun() throws Exception {
        try (Conversation c = Gateway.ehlo()) {
            c.sendRaw("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\nRCPT TO:<bob@example.com>\r\n");
            c.expect("220 2.0.0 Ready to start TLS");
            c.startTls(trustAll());
            c.exchange("MAIL FROM:<ann@example.org>", "503 5.5.1 Error: send HELO/EHLO first"); // started over
            c.ehlo();
            c.exchange("RCPT TO:<bob@example.com>", "503 5.5.1 Error: need MAIL command");
            c.exchange("QUIT", "221 2.0.0 Bye");
        }
        assertEquals(0, downstream.commands.stream().filter(l -> l.contains("injected")).count());
    }

    /**
     * Client-initiated renegotiation is refused on the server sluice.cli configures (the system
     * property jdk.tls.rejectClientInitiatedRenegotiation, which JSSE reads once per JVM).
     */
    @Test
    void aTls12ClientCannotRenegotiate() throws Exception {
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("STARTTLS", "220 2.0.0 Ready to start TLS");
            assertEquals("TLSv1.2", c.startTls(trustAll(), "TLSv1.2").getProtocol());
            c.exchange("NOOP", "250 2.0.0 Ok");
            c.renegotiate();
            SSLException refused = assertThrows(SSLException.class, () -> c.exchange("NOOP", "250 2.0.0 Ok"));
            assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
        }
    }

    /** The gateway's certificate is self-signed: this client pins nothing and checks nothing. */
    static SSLContext trustAll() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return c;
    }

}
