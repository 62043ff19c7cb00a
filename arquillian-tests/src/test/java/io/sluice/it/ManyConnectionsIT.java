package io.sluice.it;

import io.sluice.smtp.Conversation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of idle connections held at once while mail flows beside them: each session holds a
 * thread of its own (a work manager thread on Java 17 to 23, a virtual thread from 24 on), and the
 * bean's pool and the relay pool, not the number of connections, bound the work behind them.
 */
class ManyConnectionsIT extends GatewayTest {

    private static final int IDLE = 400;
    private static final int SENDERS = 10;
    private static final int MESSAGES = 5;

    @Test
    void idleConnectionsAreHeldWhileMailFlows() throws Exception {
        String threads = Runtime.version().feature() >= 24 ? "virtual threads" : "the work manager's threads";
        assertEquals("SMTP sessions run on " + threads + " (sluice.smtp.threads=AUTO, Java "
                + Runtime.version().feature() + ")", lastThreadsLine());

        // sessions of earlier tests may still be ending: start from none
        Gateway.await(() -> listenerActive() == 0, Duration.ofSeconds(10));
        List<Conversation> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                idle.add(Gateway.ehlo());
            }
            assertEquals(IDLE, listenerActive());

            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            List<Future<List<String>>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int id = s;
                senders.add(pool.submit(() -> {
                    List<String> replies = new ArrayList<>();
                    for (int m = 0; m < MESSAGES; m++) {
                        replies.add(Gateway.send("s" + id + "@example.org", "rcpt@example.com",
                                "Message-ID: <s" + id + "-m" + m + "@example.org>\r\nSubject: beside idle ones\r\n\r\nx\r\n"));
                    }
                    return replies;
                }));
            }
            for (Future<List<String>> f : senders) {
                for (String reply : f.get()) {
                    assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
                }
            }
            pool.shutdown();
            Gateway.await(() -> downstream.deliveries.size() == SENDERS * MESSAGES, Duration.ofSeconds(10));
            assertEquals(SENDERS * MESSAGES, downstream.deliveries.stream()
                    .map(d -> d.text().substring(d.text().indexOf("Message-ID: "))).distinct().count());

            for (Conversation c : idle) { // every idle session is still there and answers
                c.exchange("NOOP", "250 2.0.0 Ok");
            }
            for (Conversation c : idle) {
                c.exchange("QUIT", "221 2.0.0 Bye").expectClosed();
            }
            Gateway.await(() -> listenerActive() == 0, Duration.ofSeconds(10));
        } finally {
            for (Conversation c : idle) {
                c.close();
            }
        }
    }

    private static int listenerActive() {
        return Gateway.status().getJsonArray("listeners").getJsonObject(0).getInt("activeConnections");
    }

    private static String lastThreadsLine() throws Exception {
        String last = null;
        for (String line : ServerLog.since(0)) {
            int at = line.indexOf("SMTP sessions run on ");
            if (at >= 0) {
                last = line.substring(at);
            }
        }
        return last;
    }
}
