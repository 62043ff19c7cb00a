package io.sluice.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many clients at once: every message arrives exactly once, over far fewer downstream connections. */
class ConcurrencyIT extends GatewayTest {

    private static final int CLIENTS = 20;
    private static final int MESSAGES = 50;

    @Test
    void twentyClientsTimesFiftyMessages() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<String>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            clients.add(pool.submit(() -> {
                List<String> replies = new ArrayList<>();
                for (int m = 0; m < MESSAGES; m++) {
                    String messageId = "<c" + id + "-m" + m + "@example.org>";
                    replies.add(Gateway.send("client" + id + "@example.org", "rcpt" + (m % 5) + "@example.com",
                            "Message-ID: " + messageId + "\r\nSubject: load\r\n\r\n" + ("x".repeat(78) + "\r\n").repeat(25)));
                }
                return replies;
            }));
        }
        List<String> replies = new ArrayList<>();
        for (Future<List<String>> f : clients) {
            replies.addAll(f.get());
        }
        pool.shutdown();

        assertEquals(CLIENTS * MESSAGES, replies.size());
        assertTrue(replies.stream().allMatch(r -> r.startsWith("250 2.0.0 Ok: queued as ")),
                replies.stream().filter(r -> !r.startsWith("250")).findFirst().orElse(""));
        Gateway.await(() -> downstream.deliveries.size() >= CLIENTS * MESSAGES, Duration.ofSeconds(10));
        Map<String, Long> perMessage = downstream.deliveries.stream()
                .map(d -> d.text().substring(d.text().indexOf("Message-ID: ") + 12, d.text().indexOf("\r\nSubject")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(CLIENTS * MESSAGES, perMessage.size());
        assertTrue(perMessage.values().stream().allMatch(n -> n == 1), "some message arrived twice");
        int connections = downstream.connections.get();
        assertTrue(connections <= 64, "downstream saw " + connections + " connections for "
                + CLIENTS * MESSAGES + " messages");
        System.out.println("ConcurrencyIT: " + CLIENTS * MESSAGES + " messages over " + connections
                + " downstream connections");
    }
}
