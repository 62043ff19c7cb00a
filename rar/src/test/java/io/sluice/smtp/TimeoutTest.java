package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idle and slow clients are closed with 421 4.4.2 (RFC 5321 §4.5.3.2). */
class TimeoutTest {

    @Test
    void idleClientIsClosedAfterTheCommandTimeout() throws IOException {
        try (TestServer server = new TestServer(b -> b.commandTimeout(Duration.ofMillis(300)));
             Conversation c = server.ehlo()) {
            long start = System.nanoTime();
            c.expect("421 4.4.2 mx.test.example Error: timeout exceeded").expectClosed();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 3000, "closed after " + ms + " ms");
        }
    }

    @Test
    void stalledDataBlockIsClosed() throws IOException {
        try (TestServer server = new TestServer(b -> b.dataBlockTimeout(Duration.ofMillis(300)));
             Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: slow\r\n")
                    .expect("421 4.4.2 mx.test.example Error: timeout exceeded")
                    .expectClosed();
            assertTrue(server.listener.messages.isEmpty());
        }
    }

    @Test
    void tricklingDataIsClosedAfterTheTotalDataTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.dataBlockTimeout(Duration.ofSeconds(5))
                .dataTotalTimeout(Duration.ofMillis(500))); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            for (int i = 0; i < 40 && !c.hasInput(); i++) {   // one line every 50 ms: each block is in time
                c.sendRaw("line " + i + "\r\n");
                Thread.sleep(50);
            }
            c.expect("421 4.4.2 mx.test.example Error: timeout exceeded").expectClosed();
            assertTrue(server.listener.messages.isEmpty());
        }
    }

    @Test
    void aClientThatNeverSpeaksAfterTheGreetingIsClosed() throws IOException {
        try (TestServer server = new TestServer(b -> b.commandTimeout(Duration.ofMillis(200)));
             Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .expect("421 4.4.2 mx.test.example Error: timeout exceeded")
                    .expectClosed();
        }
    }
}
