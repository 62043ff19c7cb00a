package io.sluice.smtp;

import io.sluice.api.Cidr;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PROXY protocol v1 and v2 from a trusted load balancer names the client; from anyone else it is refused. */
class ProxyProtocolTest {

    private static TestServer trusting(String cidr) throws IOException {
        return new TestServer(b -> b.proxyTrusted(List.of(Cidr.parse(cidr))));
    }

    /** Sends a message after the greeting and returns the client address the listener was given. */
    private static String clientSeen(TestServer s, Conversation c) throws IOException {
        c.greetAndEhlo(TestServer.HOST);
        c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
        var client = s.listener.recipientTransactions.get(0).client();
        return client.address() + ":" + client.port();
    }

    private static String clientSeenAfterEhlo(TestServer s, Conversation c) throws IOException {
        c.send("NOOP");
        while (!c.readLine().equals("250 2.0.0 Ok")) {
            // the replies to the rest of the binary header
        }
        c.ehlo();
        c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
        return s.listener.recipientTransactions.get(0).client().address();
    }

    static byte[] v2(int command, int family, byte[] addresses) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.write(0x20 | command);
        b.write(family);
        b.write(addresses.length >> 8);
        b.write(addresses.length & 0xFF);
        b.writeBytes(addresses);
        return b.toByteArray();
    }

    @Test
    void version1NamesTheClient() throws Exception {
        try (TestServer s = trusting("127.0.0.0/8"); Conversation c = s.connect()) {
            c.sendRaw("PROXY TCP4 192.0.2.1 198.51.100.7 56324 25\r\n");
            assertEquals("192.0.2.1:56324", clientSeen(s, c));
        }
        try (TestServer s = trusting("127.0.0.1"); Conversation c = s.connect()) {
            c.sendRaw("PROXY TCP6 2001:db8::1 2001:db8::25 40000 25\r\n");
            assertEquals("2001:db8:0:0:0:0:0:1:40000", clientSeen(s, c));
        }
    }

    @Test
    void version2NamesTheClientAndLocalKeepsTheBalancer() throws Exception {
        byte[] tcp4 = {(byte) 192, 0, 2, 99, (byte) 198, 51, 100, 7, (byte) 0x9C, 0x40, 0, 25, 0x04, 0, 1, 'x'};
        try (TestServer s = trusting("127.0.0.1/32"); Conversation c = s.connect()) {
            c.sendBytes(v2(1, 0x11, tcp4)); // PROXY, TCP over IPv4, with a TLV after the addresses
            assertEquals("192.0.2.99:40000", clientSeen(s, c));
        }
        try (TestServer s = trusting("127.0.0.1/32"); Conversation c = s.connect()) {
            c.sendBytes(v2(0, 0x00, new byte[0])); // LOCAL: the balancer's own health check
            assertEquals("127.0.0.1", clientSeen(s, c).split(":")[0]);
        }
    }

    @Test
    void aTrustedBalancerThatSendsNoHeaderIsDroppedUnanswered() throws Exception {
        try (TestServer s = trusting("127.0.0.1"); Conversation c = s.connect()) {
            c.sendRaw("EHLO client.example\r\n");
            c.expectClosed();
        }
        try (TestServer s = trusting("127.0.0.1"); Conversation c = s.connect()) {
            c.sendRaw("PROXY TCP4 192.0.2.1 nonsense 1 25\r\n");
            c.expectClosed();
        }
    }

    @Test
    void fromAnUntrustedAddressAProxyHeaderIsRefused() throws Exception {
        try (TestServer s = trusting("192.0.2.0/24"); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            c.send("PROXY TCP4 203.0.113.5 198.51.100.7 56324 25");
            c.expect("554 5.7.0 Error: PROXY protocol not accepted from this address");
            c.expectClosed();
        }
        try (TestServer s = new TestServer(); Conversation c = s.connect()) {
            c.sendRaw(new String(v2(1, 0x11, new byte[12]), StandardCharsets.ISO_8859_1) + "\r\n");
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            c.expect("500 5.5.2 Error: bad syntax"); // the v2 signature is no command: nothing of it is believed
            assertEquals("127.0.0.1", clientSeenAfterEhlo(s, c));
        }
    }
}
