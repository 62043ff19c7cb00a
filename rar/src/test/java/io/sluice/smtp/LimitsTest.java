package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RFC 5321 §4.5.3 limits, each at exactly its configured value. */
class LimitsTest {

    @Test
    void commandLineOf512OctetsIsTheLimit() throws IOException {
        try (TestServer server = new TestServer(); Conversation c = server.ehlo()) {
            String prefix = "NOOP ";
            c.exchange(prefix + "x".repeat(510 - prefix.length()), "250 2.0.0 Ok")        // 510 + CRLF = 512
                    .exchange(prefix + "x".repeat(511 - prefix.length()), "500 5.5.2 Error: command line too long")
                    .exchange("NOOP", "250 2.0.0 Ok");
        }
    }

    @Test
    void aLongerCommandLimitCanBeConfigured() throws IOException {
        try (TestServer server = new TestServer(b -> b.maxCommandLineLength(1024)); Conversation c = server.ehlo()) {
            c.exchange("NOOP " + "x".repeat(1017), "250 2.0.0 Ok")
                    .exchange("NOOP " + "x".repeat(1018), "500 5.5.2 Error: command line too long");
        }
    }

    @Test
    void textLineOf1000OctetsIsTheLimit() throws IOException {
        try (TestServer server = new TestServer(); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send("y".repeat(998))
                    .send("..")              // a stuffed dot does not count towards the line
                    .send("." + "z".repeat(998))
                    .send(".");
            c.expectQueued(server.listener, 0);
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send("y".repeat(999))
                    .send(".")
                    .expect("500 5.5.2 Error: message line too long");
            assertEquals(1, server.listener.messages.size());
        }
    }

    @Test
    void recipientsPerMessage() throws IOException {
        try (TestServer server = new TestServer(b -> b.maxRecipients(3)); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            for (int i = 1; i <= 3; i++) {
                c.exchange("RCPT TO:<r" + i + "@example.org>", "250 2.1.5 Ok");
            }
            c.exchange("RCPT TO:<r4@example.org>", "452 4.5.3 Error: too many recipients")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send(".");
            c.readLine();
            assertEquals(3, server.listener.messages.get(0).transaction().recipients().size());
            assertEquals(3, server.listener.recipientCalls.size());
        }
    }

    @Test
    void defaultRecipientLimitIs100() throws IOException {
        try (TestServer server = new TestServer(); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            for (int i = 1; i <= 100; i++) {
                c.exchange("RCPT TO:<r" + i + "@example.org>", "250 2.1.5 Ok");
            }
            c.exchange("RCPT TO:<r101@example.org>", "452 4.5.3 Error: too many recipients");
        }
    }

    @Test
    void declaredSizeIsCheckedAtMail() throws IOException {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(10_000)); Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice").send("EHLO c.example");
            String line;
            while ((line = c.readLine()).startsWith("250-")) {
                if (line.startsWith("250-SIZE")) {
                    assertEquals("250-SIZE 10000", line);
                }
            }
            c.exchange("MAIL FROM:<a@example.org> SIZE=10000", "250 2.1.0 Ok")
                    .exchange("RSET", "250 2.0.0 Ok")
                    .exchange("MAIL FROM:<a@example.org> SIZE=10001",
                            "552 5.3.4 Error: message size exceeds fixed maximum message size");
        }
    }

    @Test
    void actualSizeIsCheckedWhileReading() throws IOException {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(10_000)); Conversation c = server.ehlo()) {
            String line = "x".repeat(98) + "\r\n";                  // 100 octets
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw(line.repeat(100) + ".\r\n");       // exactly 10,000
            c.expectQueued(server.listener, 0);
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw(line.repeat(100) + "z\r\n.\r\n")    // 10,003
                    .expect("552 5.3.4 Error: message size exceeds fixed maximum message size")
                    .exchange("NOOP", "250 2.0.0 Ok");
            assertEquals(1, server.listener.messages.size());
            assertEquals(10_000, server.listener.messages.get(0).content().length);
        }
    }

    @Test
    void anOversizedMessageIsNotKeptInMemoryOrOnDisk() throws IOException {
        java.nio.file.Path spool = java.nio.file.Files.createTempDirectory("spool");
        try (TestServer server = new TestServer(b -> b.maxMessageSize(2 * 1024 * 1024).spoolThreshold(4096)
                .spoolDirectory(spool)); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            String line = "x".repeat(998) + "\r\n";
            for (int i = 0; i < 3000; i++) {                    // 3 MB
                c.sendRaw(line);
            }
            c.sendRaw(".\r\n").expect("552 5.3.4 Error: message size exceeds fixed maximum message size");
            try (var files = java.nio.file.Files.list(spool)) {
                assertEquals(0, files.count());
            }
        }
        assertTrue(java.nio.file.Files.deleteIfExists(spool));
    }

    @Test
    void connectionLimit() throws IOException {
        try (TestServer server = new TestServer(b -> b.maxConnections(2));
             Conversation first = server.connect(); Conversation second = server.connect()) {
            first.expect("220 mx.test.example ESMTP Sluice");
            second.expect("220 mx.test.example ESMTP Sluice");
            try (Conversation third = server.connect()) {
                third.expect("421 4.3.2 mx.test.example Error: too many connections, try again later").expectClosed();
            }
            first.exchange("QUIT", "221 2.0.0 Bye").expectClosed();
            waitFor(() -> server.server.activeSessions() == 1);
            try (Conversation fourth = server.connect()) {
                fourth.expect("220 mx.test.example ESMTP Sluice");
            }
            assertEquals(1, server.server.statistics().refusedConnections());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
