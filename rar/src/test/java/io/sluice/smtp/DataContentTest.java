package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What arrives at the listener is exactly what the client meant: dot-unstuffed, CRLF only. */
class DataContentTest extends EngineTest {

    private Conversation openData() throws IOException {
        Conversation c = server.ehlo();
        c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
        return c;
    }

    @Test
    void transparencyDotsAreRemovedExactly() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("..\r\n...leading\r\n.. two\r\nmiddle . dot\r\n.single\r\n. \r\n.\r\n");
            c.expectQueued(server.listener, 0);
        }
        assertEquals(".\r\n..leading\r\n. two\r\nmiddle . dot\r\nsingle\r\n \r\n", server.listener.messages.get(0).text());
    }

    @Test
    void anEmptyMessage() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw(".\r\n");
            c.expectQueued(server.listener, 0);
        }
        assertEquals("", server.listener.messages.get(0).text());
    }

    @Test
    void eightBitAndBinaryOctetsPassUnchanged() throws IOException {
        byte[] body = new byte[256 * 3];
        int n = 0;
        for (int i = 0; i < 256; i++) {
            if (i == '\r' || i == '\n') {
                continue;
            }
            body[n++] = (byte) i;
        }
        body[n++] = '\r';
        body[n++] = '\n';
        byte[] content = java.util.Arrays.copyOf(body, n);
        try (Conversation c = openData()) {
            c.sendBytes(content).sendRaw(".\r\n");
            c.expectQueued(server.listener, 0);
        }
        assertArrayEquals(content, server.listener.messages.get(0).content());
    }

    @Test
    void bareLfInContentIsRefusedAndNothingIsDelivered() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("Subject: a\r\n\r\nline\nmore\r\n.\r\n")
                    .expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>")
                    .exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command");
        }
        assertTrue(server.listener.messages.isEmpty());
    }

    @Test
    void bareCrInContentIsRefused() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("Subject: a\r\n\r\nline\rmore\r\n.\r\n")
                    .expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>");
        }
        assertTrue(server.listener.messages.isEmpty());
    }

    /** SMTP smuggling (2023): "LF . LF" or "LF . CRLF" must neither end the message nor start a second one. */
    @Test
    void smugglingASecondMessageWithBareLineEndingsFails() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("Subject: first\r\n\r\nfirst body\n.\nMAIL FROM:<admin@example.org>\r\n"
                            + "RCPT TO:<victim@example.org>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n")
                    .expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>")
                    .exchange("NOOP", "250 2.0.0 Ok");
        }
        assertTrue(server.listener.messages.isEmpty());
        assertTrue(server.listener.recipientCalls.stream().noneMatch(r -> r.address().startsWith("victim")));
    }

    @Test
    void smugglingWithDotCrLfAfterBareLfFails() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("Subject: first\r\n\r\nbody\n.\r\nMAIL FROM:<admin@example.org>\r\n.\r\n")
                    .expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>");
        }
        assertTrue(server.listener.messages.isEmpty());
    }

    @Test
    void smugglingWithBareCrDotCrFails() throws IOException {
        try (Conversation c = openData()) {
            c.sendRaw("Subject: first\r\n\r\nbody\r.\rMAIL FROM:<admin@example.org>\r\n.\r\n")
                    .expect("554 5.5.2 Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>");
        }
        assertTrue(server.listener.messages.isEmpty());
    }

    @Test
    void bareLfInACommandIsRefusedAndNotExecuted() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.sendRaw("MAIL FROM:<a@example.org>\n")
                    .expect("500 5.5.2 Error: bare <CR> or <LF> in command; lines must end with <CR><LF>")
                    .sendRaw("NOOP\rRSET\r\n")
                    .expect("500 5.5.2 Error: bare <CR> or <LF> in command; lines must end with <CR><LF>")
                    .exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command");
        }
    }

    @Test
    void utf8InContentIsKept() throws IOException {
        String text = "Subject: Grüße\r\n\r\nΚαλημέρα κόσμε\r\n";
        try (Conversation c = openData()) {
            c.sendBytes(text.getBytes(StandardCharsets.UTF_8)).sendRaw(".\r\n");
            c.expectQueued(server.listener, 0);
        }
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), server.listener.messages.get(0).content());
    }
}
