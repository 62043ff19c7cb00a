package io.sluice.it;

import io.sluice.smtp.Conversation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recipients are checked with the downstream at RCPT time, and its own answer reaches the client. */
class RecipientVerificationIT extends GatewayTest {

    @Test
    void anUnknownUserIsRefusedAtRcptWithTheDownstreamsOwnReply() throws IOException {
        downstream.unknownUsers.add("nobody@example.com");
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<nobody@example.com>", "550 5.1.1 <nobody@example.com>: Recipient address "
                            + "rejected: User unknown in local recipient table")
                    .exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: hi\r\n\r\nhello\r\n.\r\n");
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("bob@example.com"), downstream.deliveries.get(0).recipients());
        // the verification itself: the transaction's sender, the recipient, and a reset, on a pooled session
        assertTrue(String.join("\n", downstream.commands).matches("(?s).*\\d+: MAIL FROM:<a@example.org>\n\\d+: RCPT TO:"
                + "<nobody@example.com>\n\\d+: RSET\n.*"), String.join("\n", downstream.commands));
    }

    @Test
    void aRecipientRefusedAtRelayTimeMeansNothingIsDeliveredAndTheClientRetries() throws IOException {
        // carol is verified (and the answer cached), then the downstream stops accepting her
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<carol@example.com>", "250 2.1.5 Ok")
                    .exchange("RSET", "250 2.0.0 Ok");
        }
        downstream.unknownUsers.add("carol@example.com");
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<dave@example.com>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<carol@example.com>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: hi\r\n\r\nhello\r\n.\r\n")
                    .expect("451 4.4.0 Error: downstream refused <carol@example.com> (550 5.1.1 <carol@example.com>: "
                            + "Recipient address rejected: User unknown in local recipient table); nothing was "
                            + "delivered, try again later")
                    .exchange("NOOP", "250 2.0.0 Ok");
        }
        assertTrue(downstream.deliveries.isEmpty());
        List<String> relay = downstream.commands.stream().map(l -> l.substring(l.indexOf(' ') + 1))
                .dropWhile(l -> !l.startsWith("MAIL FROM:<a@example.org> SIZE=")).toList(); // the relay, not a verification
        assertEquals(List.of("MAIL FROM:<a@example.org> SIZE=" + relay.get(0).substring(relay.get(0).indexOf("SIZE=") + 5),
                "RCPT TO:<dave@example.com>", "RCPT TO:<carol@example.com>", "RSET"), relay);
    }
}
