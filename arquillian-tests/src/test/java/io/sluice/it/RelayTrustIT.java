package io.sluice.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the open relay a real Postfix showed behind the gateway: the mail server's
 * relay rules must see each message's own client (XCLIENT), on pooled sessions that served other
 * clients before, and its refusal must reach the client at RCPT. The recording mail server here
 * applies Postfix's {@code permit_mynetworks, reject_unauth_destination} to the client XCLIENT
 * names; {@code PostfixRelayIT} does the same with a real Postfix.
 */
class RelayTrustIT extends GatewayTest {

    static final String INSIDE = "127.0.0.3"; // in the mail server's mynetworks
    static final String OUTSIDE = "127.0.0.5";

    @BeforeEach
    void relayRules() {
        downstream.extensions = List.of("XCLIENT NAME ADDR PORT PROTO HELO LOGIN");
        downstream.relayClients = Set.of(INSIDE);
        downstream.localDomains = Set.of("dest.test");
    }

    /** One message from {@code client}: the RCPT reply if it was refused, else the final reply. */
    static String send(String client, String helo, String to) throws IOException {
        return Gateway.sendFrom(client, helo, "ann@dest.test", to, "Subject: trust\r\n\r\nhi\r\n");
    }

    private static void assertQueued(String reply) {
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }

    /** Inside and outside clients taking turns; each message must reach the mail server as its own client's. */
    private void takeTurns() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertQueued(send(INSIDE, "inside.example", "a" + i + "@outside.test"));
            expected.add(INSIDE + " a" + i + "@outside.test");
            assertEquals("554 5.7.1 <b" + i + "@outside.test>: Relay access denied",
                    send(OUTSIDE, "outside.example", "b" + i + "@outside.test"));
            assertQueued(send(OUTSIDE, "outside.example", "bob" + i + "@dest.test"));
            expected.add(OUTSIDE + " bob" + i + "@dest.test");
        }
        Gateway.await(() -> downstream.deliveries.size() == expected.size(), Duration.ofSeconds(5));
        assertEquals(expected, downstream.deliveries.stream().map(d -> d.client() + " " + d.recipients().get(0)).toList());
    }

    @Test
    void aMailServerThatAllowsXclientOnlyToTheGatewaySeesEveryMessagesOwnClient() throws IOException {
        downstream.xclientOnlyForGateway = true;
        takeTurns();
    }

    @Test
    void aMailServerThatKeepsAllowingXclientSeesEveryMessagesOwnClient() throws IOException {
        takeTurns();
    }

    @Test
    void anOverlongHeloNeitherStopsTheMessageNorLeavesAnIdentityBehind() throws IOException {
        downstream.xclientOnlyForGateway = true;
        String helo = "h".repeat(300);
        assertQueued(send(OUTSIDE, helo, "bob@dest.test"));
        assertEquals("554 5.7.1 <b@outside.test>: Relay access denied", send(OUTSIDE, "outside.example", "b@outside.test"));
        assertQueued(send(INSIDE, "inside.example", "a@outside.test"));
        assertEquals("554 5.7.1 <c@outside.test>: Relay access denied", send(OUTSIDE, helo, "c@outside.test"));
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertEquals(List.of(OUTSIDE + " bob@dest.test", INSIDE + " a@outside.test"),
                downstream.deliveries.stream().map(d -> d.client() + " " + d.recipients().get(0)).toList());
        assertTrue(downstream.commands.stream().anyMatch(l -> l.endsWith(" HELO=" + "h".repeat(255) + " LOGIN=[UNAVAILABLE]")),
                String.join("\n", downstream.commands));
    }
}
