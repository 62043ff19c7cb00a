package io.sluice.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downstream pool keeps its sessions healthy: idle ones are checked with NOOP (every second
 * in these tests), dead ones are destroyed, and a 421 retires a session at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RelayPoolIT {

    private TestDownstream downstream;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Gateway.ear();
    }

    @BeforeEach
    void startDownstream() throws IOException {
        downstream = new TestDownstream(Gateway.DOWNSTREAM_PORT).start();
    }

    @AfterEach
    void stopDownstream() throws IOException {
        downstream.close();
    }

    static JsonObject pool() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Gateway.HTTP_PORT + "/api/v1/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getJsonArray("downstream").getJsonObject(0);
        }
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
        Gateway.await(() -> {
            try {
                return pool().getInt("destroyedConnections") > destroyedBefore;
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(10));
        sendOk("after the drop");
        assertTrue(downstream.connections.get() > connectionsBefore);
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
