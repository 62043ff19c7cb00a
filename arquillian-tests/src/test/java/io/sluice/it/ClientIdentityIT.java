package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real client, end to end: named by a trusted load balancer with the PROXY protocol (the
 * tests' gateway trusts 127.0.0.2), passed on to the mail server with XCLIENT or XFORWARD, and
 * written in the Received: header and the tracking log.
 */
class ClientIdentityIT extends GatewayTest {

    private static final String BALANCER = "127.0.0.2";
    private final Api admin = Api.admin();

    private String send(Conversation c) throws Exception {
        c.greetAndEhlo(Gateway.HOST);
        c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
        c.exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        c.exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
        c.sendRaw("Subject: via the balancer\r\n\r\nhi\r\n.\r\n");
        String reply = c.readLine();
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        return Gateway.queueId(reply);
    }

    private String forwarded(String command) {
        return downstream.commands.stream().map(l -> l.substring(l.indexOf(": ") + 2))
                .filter(l -> l.startsWith(command + " ")).findFirst().orElseThrow(() -> new AssertionError(
                        command + " not in " + downstream.commands));
    }

    @Test
    void proxyV1NamesTheClientAndXclientPassesItOn() throws Exception {
        downstream.extensions = List.of("XCLIENT NAME ADDR PORT PROTO HELO LOGIN");
        String queueId;
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, BALANCER)) {
            c.sendRaw("PROXY TCP4 203.0.113.9 192.0.2.25 40123 25\r\n");
            queueId = send(c);
        }
        assertEquals("XCLIENT NAME=[UNAVAILABLE] ADDR=203.0.113.9 PORT=40123 PROTO=ESMTP HELO=client.example "
                + "LOGIN=[UNAVAILABLE]", forwarded("XCLIENT"));
        TraceHeader t = TraceHeader.split(downstream.deliveries.get(0).content());
        t.assertReceived("client.example", queueId, "bob@example.com", "203.0.113.9");
        JsonObject row = TrackingIT.tracked(admin, queueId);
        assertEquals("203.0.113.9", row.getString("clientIp"));
    }

    @Test
    void proxyV2NamesTheClientAndXforwardPassesItOn() throws Exception {
        downstream.extensions = List.of("XFORWARD NAME ADDR PORT PROTO HELO SOURCE");
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11,
                0, 12, (byte) 198, 51, 100, 23, (byte) 192, 0, 2, 25, (byte) 0xEA, 0x60, 0, 25});
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, BALANCER)) {
            c.sendBytes(header.toByteArray());
            send(c);
        }
        assertEquals("XFORWARD NAME=[UNAVAILABLE] ADDR=198.51.100.23 PORT=60000 PROTO=ESMTP HELO=client.example "
                + "SOURCE=REMOTE", forwarded("XFORWARD"));
    }

    @Test
    void aProxyHeaderFromAnyoneElseIsRefused() throws Exception {
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice");
            c.send("PROXY TCP4 203.0.113.9 192.0.2.25 40123 25");
            c.expect("554 5.7.0 Error: PROXY protocol not accepted from this address");
            c.expectClosed();
        }
        try (Conversation c = new Conversation(Gateway.SMTP_PORT, BALANCER)) {
            c.sendRaw("EHLO client.example\r\n"); // the balancer must send the header first
            c.expectClosed();
        }
    }
}
