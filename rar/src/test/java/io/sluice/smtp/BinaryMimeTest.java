package io.sluice.smtp;

import io.sluice.api.ConnectDecision;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BINARYMIME (RFC 3030): offered only with a mail server that takes it; binary chunks arrive as sent. */
class BinaryMimeTest {

    @Test
    void binaryContentWithBdatArrivesExactlyAndDataIsRefused() throws Exception {
        try (TestServer s = new TestServer()) {
            s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 0, 0, 0, java.util.Set.of("BINARYMIME", "CHUNKING"));
            try (Conversation c = s.ehlo()) {
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                message.writeBytes("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (int i = 0; i < 256; i++) {
                    message.write(i); // NUL, bare CR and LF, 8-bit octets
                }
                byte[] content = message.toByteArray();
                c.exchange("MAIL FROM:<a@example.org> BODY=BINARYMIME", "250 2.1.0 Ok");
                c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
                c.exchange("DATA", "503 5.5.1 Error: a BINARYMIME message must be sent with BDAT");
                c.sendRaw("BDAT " + content.length + " LAST\r\n").sendBytes(content);
                String reply = c.readLine();
                assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
                assertArrayEquals(content, s.listener.messages.get(0).content());
            }
        }
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org> BODY=BINARYMIME", "501 5.5.4 Error: BODY must be 7BIT or 8BITMIME");
        }
    }
}
