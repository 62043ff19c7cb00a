package io.sluice.it;

import io.sluice.smtp.Conversation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the downstream down, clients are told to try again (451), and the retry is delivered exactly once. */
class DownstreamOutageIT extends GatewayTest {

    @Test
    void downstreamStoppedMeans451AndTheRetryArrivesOnce() throws IOException {
        String message = "Message-ID: <outage-1@example.org>\r\nSubject: outage\r\n\r\nbody\r\n";
        // bob is verified while the downstream is up; the pool now holds an open session
        assertTrue(Gateway.send("a@example.org", "bob@example.com", "Subject: warm-up\r\n\r\nx\r\n")
                .startsWith("250 2.0.0 Ok: queued as "));

        downstream.stop();
        // bob's verification is cached, so the message itself gets the 451, after the stale pooled
        // session failed and a fresh connection was refused
        assertEquals("451 4.4.1 Error: downstream mail server unavailable, try again later",
                Gateway.send("a@example.org", "bob@example.com", message));
        // a recipient never verified cannot be checked now: 451 at RCPT
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<new@example.com>",
                            "451 4.4.1 Error: downstream mail server unavailable, try again later");
        }

        downstream.start();
        String retry = Gateway.send("a@example.org", "bob@example.com", message);
        assertTrue(retry.startsWith("250 2.0.0 Ok: queued as "), retry);
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(1, downstream.deliveries.stream().filter(d -> d.text().contains("<outage-1@example.org>")).count());
    }

    @Test
    void aDownstreamRestartBetweenMessagesIsInvisibleToClients() throws IOException {
        assertTrue(Gateway.send("a@example.org", "bob@example.com", "Subject: before\r\n\r\nx\r\n")
                .startsWith("250 2.0.0 Ok: queued as "));
        downstream.stop();
        downstream.start();
        // the pooled session is dead; the gateway notices before anything was answered and uses a new one
        String reply = Gateway.send("a@example.org", "bob@example.com", "Subject: after\r\n\r\nx\r\n");
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }
}
