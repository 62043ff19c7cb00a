package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle and slow clients are closed with 421 4.4.2 (RFC 5321 §4.5.3.2); a client that does not read
 * its replies is closed when a reply cannot be written within the command timeout.
 */
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

    /**
     * The total time is on the engine's clock: the test moves it on instead of waiting. The block
     * timeout is longer than the conversation waits for a reply, so only the total time can end it.
     */
    @Test
    void tricklingDataIsClosedAfterTheTotalDataTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.dataBlockTimeout(Duration.ofMinutes(1))
                .dataTotalTimeout(Duration.ofMillis(500))); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            for (int i = 0; i < 5; i++) { // a line every 100 ms: the whole 500 ms is still allowed
                server.clock.advance(Duration.ofMillis(100));
                c.sendRaw("line " + i + "\r\n");
            }
            c.sendRaw(".\r\n").expectQueued(server.listener, 0);
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            c.sendRaw("line 0\r\n");
            server.clock.advance(Duration.ofMillis(501));
            c.sendRaw("line 1\r\n");
            c.expect("421 4.4.2 mx.test.example Error: timeout exceeded").expectClosed();
            assertEquals(1, server.listener.messages.size());
        }
    }

    /** Regression: BDAT had no total time, so chunks that each came in time kept a transaction open for ever. */
    @Test
    void tricklingBdatChunksAreClosedAfterTheTotalDataTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.dataBlockTimeout(Duration.ofMinutes(1))
                .dataTotalTimeout(Duration.ofMillis(500))); Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.sendRaw("BDAT 10\r\nline 100\r\n").expect("250 2.0.0 Ok: 10 octets received");
            for (int i = 1; i <= 5; i++) { // a chunk every 100 ms, each in time: 500 ms from the first is allowed
                server.clock.advance(Duration.ofMillis(100));
                c.sendRaw("BDAT 10\r\nline " + (100 + i) + "\r\n").expect("250 2.0.0 Ok: 10 octets received");
            }
            server.clock.advance(Duration.ofMillis(1));
            c.sendRaw("BDAT 10\r\nline 106\r\n").expect("421 4.4.2 mx.test.example Error: timeout exceeded");
            c.expectClosed();
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

    /**
     * Regression: writes had no timeout, so a client that pipelined commands and never read the
     * replies filled the socket buffers and held its session (and thread) for ever.
     */
    @Test
    void aClientThatNeverReadsItsRepliesIsClosedAfterTheCommandTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.commandTimeout(Duration.ofMillis(500)));
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            Thread talker = new Thread(() -> {
                byte[] ehlos = "EHLO client.example\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = socket.getOutputStream();
                    while (true) {
                        out.write(ehlos); // each EHLO gets a reply ten times its size, never read
                    }
                } catch (IOException e) {
                    // the server closed the connection
                }
            }, "never-reads");
            talker.setDaemon(true);
            talker.start();
            long start = System.nanoTime();
            while (server.server.statistics().timedOutSessions() == 0 || server.server.activeSessions() > 0) {
                assertTrue(System.nanoTime() - start < 10_000_000_000L, "the session is still open after 10 s");
                Thread.sleep(20);
            }
            assertEquals(1, server.server.statistics().timedOutSessions());
            talker.join(5000);
            assertFalse(talker.isAlive(), "the client can still write: the connection is open");
        }
    }
}
