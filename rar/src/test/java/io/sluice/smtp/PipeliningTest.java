package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 2920: commands sent in groups are answered in order, none lost between command and DATA readers. */
class PipeliningTest extends EngineTest {

    @Test
    void aWholeGroupUpToDataInOneWrite() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\n")
                    .expect("250 2.1.0 Ok")
                    .expect("250 2.1.5 Ok")
                    .expect("250 2.1.5 Ok")
                    .expect("354 End data with <CR><LF>.<CR><LF>");
            c.sendRaw("line one\r\n.\r\nMAIL FROM:<d@example.org>\r\nRCPT TO:<e@example.org>\r\nDATA\r\n");
            c.expectQueued(server.listener, 0)
                    .expect("250 2.1.0 Ok")
                    .expect("250 2.1.5 Ok")
                    .expect("354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("line two\r\n.\r\nQUIT\r\n");
            c.expectQueued(server.listener, 1)
                    .expect("221 2.0.0 Bye")
                    .expectClosed();
        }
        assertEquals("line one\r\n", server.listener.messages.get(0).text());
        assertEquals(2, server.listener.messages.get(0).transaction().recipients().size());
        assertEquals("line two\r\n", server.listener.messages.get(1).text());
    }

    @Test
    void errorsInsideAGroupDoNotDesynchronize() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<bad address>\r\nRCPT TO:<b@example.org>\r\nNOOP\r\n"
                            + "RSET\r\nBOGUS\r\nNOOP\r\n")
                    .expect("250 2.1.0 Ok")
                    .expect("501 5.1.3 Error: bad recipient address syntax")
                    .expect("250 2.1.5 Ok")
                    .expect("250 2.0.0 Ok")
                    .expect("250 2.0.0 Ok")
                    .expect("500 5.5.2 Error: command not recognized")
                    .expect("250 2.0.0 Ok");
        }
    }

    @Test
    void contentSentBeforeThe354IsStillContent() throws IOException {
        // A client that does not wait for 354 (against RFC 2920, but seen) must not lose content.
        try (Conversation c = server.ehlo()) {
            c.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nearly\r\n.\r\n")
                    .expect("250 2.1.0 Ok")
                    .expect("250 2.1.5 Ok")
                    .expect("354 End data with <CR><LF>.<CR><LF>");
            c.readLine();
        }
        assertEquals("early\r\n", server.listener.messages.get(0).text());
    }
}
