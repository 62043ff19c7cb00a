package io.sluice.smtp;

import io.sluice.api.ConnectDecision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SMTPUTF8 (RFC 6531): offered when the mail server behind takes it, and non-ASCII addresses only with it. */
class SmtpUtf8Test {

    private static void exchange(Conversation c, String command, String reply) throws Exception {
        c.sendBytes((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        c.expect(reply);
    }

    @Test
    void offeredWhenTheDownstreamTakesIt() throws Exception {
        try (TestServer s = new TestServer()) {
            s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 0, 0, 0, java.util.Set.of("SMTPUTF8"));
            try (Conversation c = s.connect()) {
                c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
                c.send("EHLO client.example");
                String line;
                java.util.List<String> lines = new java.util.ArrayList<>();
                do {
                    line = c.readLine();
                    lines.add(line.substring(4));
                } while (line.startsWith("250-"));
                assertEquals(java.util.List.of(TestServer.HOST, "PIPELINING", "SIZE 52428800", "8BITMIME",
                        "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "SMTPUTF8"), lines);
                exchange(c, "MAIL FROM:<é@example.org>", "553 5.6.7 Error: non-ASCII address without SMTPUTF8");
                exchange(c, "MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8", "250 2.1.0 Ok");
                exchange(c, "RCPT TO:<用户@例子.广告>", "250 2.1.5 Ok");
                exchange(c, "RCPT TO:<bad..dots@例子.广告>", "501 5.1.3 Error: bad recipient address syntax");
                assertEquals("用户@例子.广告", s.listener.recipientCalls.get(0).address());
            }
        }
    }

    @Test
    void notOfferedMeansNotAccepted() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            exchange(c, "MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8", "555 5.5.4 Error: unsupported parameter SMTPUTF8");
            exchange(c, "MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            exchange(c, "RCPT TO:<用户@例子.广告>", "553 5.6.7 Error: non-ASCII address without SMTPUTF8");
        }
    }
}
