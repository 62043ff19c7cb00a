package io.sluice.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/status reports the listener, the counters and the downstream pool. */
class StatusIT extends GatewayTest {

    @Test
    void statusShowsListenerCountersAndPool() throws Exception {
        JsonObject before = Gateway.status();
        assertEquals(Gateway.VERSION, before.getString("version"));
        JsonObject listener = before.getJsonArray("listeners").getJsonObject(0);
        assertEquals("0.0.0.0", listener.getString("bindAddress"));
        assertEquals(Gateway.SMTP_PORT, listener.getInt("port"));
        assertEquals(Gateway.HOST, listener.getString("hostname"));
        assertEquals(1000, listener.getInt("maxConnections"));

        downstream.unknownUsers.add("nobody@example.com");
        assertTrue(Gateway.send("a@example.org", "bob@example.com", "Subject: counted\r\n\r\nx\r\n")
                .startsWith("250 2.0.0 Ok: queued as "));
        assertEquals("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table",
                Gateway.send("a@example.org", "nobody@example.com", "Subject: refused\r\n\r\nx\r\n"));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));

        JsonObject after = Gateway.status();
        JsonObject messages = after.getJsonObject("messages");
        JsonObject beforeMessages = before.getJsonObject("messages");
        assertEquals(beforeMessages.getInt("accepted") + 1, messages.getInt("accepted"));
        assertEquals(beforeMessages.getInt("rejected"), messages.getInt("rejected"));
        assertEquals(beforeMessages.getInt("tempFailed"), messages.getInt("tempFailed"));
        assertEquals(beforeMessages.getJsonNumber("bytesAccepted").longValue() // as received, before the trace headers
                + "Subject: counted\r\n\r\nx\r\n".length(), messages.getJsonNumber("bytesAccepted").longValue());
        JsonObject recipients = after.getJsonObject("recipients");
        assertEquals(before.getJsonObject("recipients").getInt("refused") + 1, recipients.getInt("refused"));
        JsonObject listenerAfter = after.getJsonArray("listeners").getJsonObject(0);
        assertEquals(listener.getInt("acceptedConnections") + 2, listenerAfter.getInt("acceptedConnections"));
        JsonObject pool = after.getJsonArray("downstream").getJsonObject(0);
        assertEquals("127.0.0.1:" + Gateway.DOWNSTREAM_PORT, pool.getString("address"));
        assertEquals(0, pool.getInt("inUseConnections"));
        assertTrue(pool.getInt("openConnections") >= 1, pool.toString());
        assertEquals(downstream.connections.get(), pool.getInt("createdConnections"));
    }
}
