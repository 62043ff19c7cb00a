package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downstream pool keeps its sessions healthy: idle ones are checked with NOOP (every second
 * in these tests), dead ones are destroyed, and a 421 retires a session at once.
 */
class RelayPoolIT extends GatewayTest {


    private static JsonObject pool() {
        return Gateway.status().getJsonArray("downstream").getJsonObject(0);
    }

    private static void sendOk(String subject) throws IOException {
        String reply = Gateway.send("a@example.org", "bob@example.com", "Subject: " + subject + "\r\n\r\nx\r\n");
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }

    @Test
    void idleSessionsAreValidatedWithNoopAndDeadOnesDestroyed() throws Exception {
        sendOk("first");
        Gateway.await(() -> downstream.commands.stream().anyMatch(l -> l.endsWith(": NOOP")), Duration.ofSeconds(10));

        int destroyedBefore = pool().getInt("destroyedConnections");
        int connectionsBefore = downstream.connections.get();
        downstream.dropConnections();
        Gateway.await(() -> pool().getInt("destroyedConnections") > destroyedBefore, Duration.ofSeconds(10));
        sendOk("after the drop");
        assertTrue(downstream.connections.get() > connectionsBefore);
    }

    /** Sends {@code n} messages at once from {@code n} clients; returns the final replies. */
    private static List<String> concurrently(int n, String subject) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                replies.add(clients.submit(() -> Gateway.send("a@example.org", "bob@example.com",
                        "Subject: " + subject + " " + id + "\r\n\r\nx\r\n")));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> f : replies) {
                result.add(f.get());
            }
            return result;
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void manyStaleSessionsAfterADownstreamRestartCostNoMessage() throws Exception {
        concurrently(12, "fill the pool");
        int pooled = pool().getInt("openConnections");
        assertTrue(pooled > 1, "only " + pooled + " pooled sessions");
        downstream.stop();
        downstream.start();
        List<String> replies = concurrently(12, "after the restart");
        assertTrue(replies.stream().allMatch(r -> r.startsWith("250 2.0.0 Ok: queued as ")), replies.toString());
    }

    @Test
    void a421FromTheDownstreamIsATemporaryFailureAndRetiresTheSession() throws Exception {
        sendOk("warm-up");
        JsonObject before = pool();
        downstream.closeOnNextMail = "421 4.3.2 downstream.test Service shutting down";
        assertEquals("451 4.3.2 downstream.test Service shutting down",
                Gateway.send("a@example.org", "bob@example.com", "Subject: refused\r\n\r\nx\r\n"));
        JsonObject after = pool();
        assertEquals(before.getInt("destroyedConnections") + 1, after.getInt("destroyedConnections"));
        assertEquals(0, after.getInt("inUseConnections"));
        sendOk("next");
    }
}
