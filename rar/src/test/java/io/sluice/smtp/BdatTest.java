package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BDAT (RFC 3030): chunks arrive byte for byte, refused chunks are still read, DATA's rules hold. */
class BdatTest {

    private static final String MESSAGE = "Subject: chunks\r\n\r\n.a line that starts with a dot\r\n.\r\nend\r\n";

    @Test
    void pipelinedChunksMakeTheMessageExactlyAsSent() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            String first = MESSAGE.substring(0, 20);
            String second = MESSAGE.substring(20);
            c.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nBDAT " + first.length() + "\r\n" + first
                    + "BDAT " + second.length() + " LAST\r\n" + second);
            c.expect("250 2.1.0 Ok").expect("250 2.1.5 Ok").expect("250 2.0.0 Ok: 20 octets received");
            String reply = c.readLine();
            assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
            assertEquals(MESSAGE, s.listener.messages.get(0).text());
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok"); // the transaction ended
        }
    }

    @Test
    void aChunkWithoutATransactionIsReadAndRefused() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            c.sendRaw("BDAT 12 LAST\r\nQUIT\r\nQUIT\r\n");
            c.expect("503 5.5.1 Error: need MAIL command");
            c.exchange("NOOP", "250 2.0.0 Ok"); // the chunk's octets were not taken for commands
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.sendRaw("BDAT 3\r\nabc");
            c.expect("554 5.5.1 Error: no valid recipients");
            assertEquals(0, s.listener.messages.size());
        }
    }

    @Test
    void bareLineEndsAcrossChunksAreRefusedAfterTheLastChunk() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.sendRaw("BDAT 8\r\nSubject:");
            c.expect("250 2.0.0 Ok: 8 octets received");
            c.sendRaw("BDAT 13 LAST\r\n x\r\n\r\nhi\n.\n\r\n");
            c.expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>");
            assertEquals(0, s.listener.messages.size());
        }
    }

    /** Regression (found by ChunkReaderFuzzTest): the line limit was only checked at a line's CRLF. */
    @Test
    void aTooLongLastLineWithoutCrlfIsRefused() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            String content = "Subject: long\r\n\r\n" + "x".repeat(1001);
            c.sendRaw("BDAT " + content.length() + " LAST\r\n" + content);
            c.expect("500 5.5.2 Error: message line too long");
            assertEquals(0, s.listener.messages.size());
        }
    }

    @Test
    void dataCannotFollowBdatAndAnUnreadableSizeEndsTheSession() throws Exception {
        try (TestServer s = new TestServer(b -> b.maxMessageSize(1024)); Conversation c = s.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.sendRaw("BDAT 2\r\nab");
            c.expect("250 2.0.0 Ok: 2 octets received");
            c.exchange("DATA", "503 5.5.1 Error: DATA after BDAT in the same transaction");
            c.sendBytes(("BDAT 1100 LAST\r\n" + "x".repeat(1100)).getBytes(StandardCharsets.US_ASCII));
            c.expect("552 5.3.4 Error: message size exceeds fixed maximum message size");
            c.exchange("BDAT many", "501 5.5.4 Syntax: BDAT chunk-size [LAST]");
            c.expectClosed();
        }
    }
}
