package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway under test: its EAR, its ports, and small helpers shared by the end-to-end tests. */
final class Gateway {

    static final String HOST = "gateway.test";
    static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 12525);
    static final int DOWNSTREAM_PORT = Integer.getInteger("it.downstream.port", 12526);
    static final int HTTP_PORT = Integer.getInteger("it.http.port", 8180);
    static final String VERSION = System.getProperty("sluice.version");

    private Gateway() {
    }

    /** The EAR exactly as built, under the name the adapter binding expects. */
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sluice.ear")));
    }

    /** A client connection, past the greeting and EHLO. */
    static Conversation ehlo() throws IOException {
        return new Conversation(SMTP_PORT).greetAndEhlo(HOST);
    }

    /** Sends one message with a raw client and returns the final reply line. */
    static String send(String from, String to, String content) throws IOException {
        return sendFrom(null, from, to, content);
    }

    /** As {@link #send}, from a client at {@code clientAddress} (a loopback address), or any when {@code null}. */
    static String sendFrom(String clientAddress, String from, String to, String content) throws IOException {
        return sendFrom(clientAddress, "client.example", from, to, content);
    }

    /** As {@link #send}, from a client at {@code clientAddress} that says {@code EHLO helo}. */
    static String sendFrom(String clientAddress, String helo, String from, String to, String content) throws IOException {
        try (Conversation c = new Conversation(SMTP_PORT, clientAddress)) {
            c.expect("220 " + HOST + " ESMTP Sluice").ehlo(helo);
            c.exchange("MAIL FROM:<" + from + ">", "250 2.1.0 Ok");
            String rcpt = c.send("RCPT TO:<" + to + ">").readLine();
            if (!rcpt.startsWith("250")) {
                return rcpt;
            }
            c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>").sendRaw(content).sendRaw(".\r\n");
            String reply = c.readLine();
            c.exchange("QUIT", "221 2.0.0 Bye");
            return reply;
        }
    }

    /**
     * Sends a message the gateway keeps without relaying it (quarantined, dropped): the reply must
     * be exactly "250 2.0.0 Ok: queued as ID", with no downstream part. Returns the queue id.
     */
    static String sendKept(String from, String to, String content) throws IOException {
        String reply = send(from, to, content);
        String queueId = queueId(reply);
        assertEquals("250 2.0.0 Ok: queued as " + queueId, reply);
        return queueId;
    }

    /** {@code GET /api/v1/status} as the admin, checked for status 200 and JSON. */
    static JsonObject status() {
        Api.Result r = Api.admin().get("/api/v1/status");
        assertEquals(200, r.status(), r.body());
        assertEquals("application/json", r.contentType());
        return r.json();
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The gateway's queue id from its final reply "250 2.0.0 Ok: queued as ID (downstream: ...)" or "250 2.0.0 Ok: queued as ID". */
    static String queueId(String reply) {
        String marker = "queued as ";
        int start = reply.indexOf(marker) + marker.length();
        int end = reply.indexOf(' ', start);
        return end < 0 ? reply.substring(start) : reply.substring(start, end);
    }
}
