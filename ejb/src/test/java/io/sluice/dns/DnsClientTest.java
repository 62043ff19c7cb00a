package io.sluice.dns;

import io.sluice.config.SenderChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Questions to a real name server (NSD on loopback) and what the client makes of the answers. */
class DnsClientTest {

    private static TestNameServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestNameServer.zones().zone("dns.test", """
                host 600 IN A 192.0.2.10
                host 600 IN A 192.0.2.11
                host 30 IN AAAA 2001:db8::10
                txt IN TXT "v=spf1 " "-all"
                alias IN CNAME host
                @ IN MX 10 mail.dns.test.
                """).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static DnsClient client() {
        return new DnsClient(List.of(server.address()), Duration.ofSeconds(2));
    }

    @Test
    void recordsWithTheirLeastTtl() throws Exception {
        DnsClient dns = client();
        assertEquals(new DnsAnswer(DnsAnswer.Status.FOUND, List.of("192.0.2.10", "192.0.2.11"), 600),
                sorted(dns.a("host.dns.test")));
        assertEquals(new DnsAnswer(DnsAnswer.Status.FOUND, List.of("2001:db8:0:0:0:0:0:10"), 30),
                dns.query("host.dns.test", Type.AAAA));
        assertEquals(new DnsAnswer(DnsAnswer.Status.FOUND, List.of("mail.dns.test"), 300), dns.query("dns.test", Type.MX));
        assertEquals(List.of("192.0.2.10", "192.0.2.11"), sorted(dns.a("alias.dns.test")).values(), "CNAME followed");
    }

    @Test
    void aTxtRecordsStringsAreJoined() throws Exception {
        assertEquals(List.of("v=spf1 -all"), client().txt("txt.dns.test"));
    }

    @Test
    void noSuchNameAndNoDataAreVoidAnswers() throws Exception {
        DnsClient dns = client();
        DnsAnswer nx = dns.a("nowhere.dns.test");
        assertEquals(new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), 0), nx);
        assertTrue(nx.isVoid());
        assertEquals(new DnsAnswer(DnsAnswer.Status.NO_DATA, List.of(), 0), dns.query("txt.dns.test", Type.A));
        assertEquals(List.of(), dns.txt("host.dns.test"));
        assertEquals(new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), 0), dns.a("bad..name"));
    }

    @Test
    void aRefusedQuestionIsAFailureNotAnAnswer() {
        DnsFailure f = assertThrows(DnsFailure.class, () -> client().a("example.org"));
        assertTrue(f.getMessage().startsWith("A example.org: "), f.getMessage());
    }

    @Test
    void answersAreKeptForTheirTtlOnly() throws Exception {
        TestNameServer own = TestNameServer.zones().zone("ttl.test", """
                short 1 IN A 192.0.2.1
                long 3600 IN A 192.0.2.2
                """).negativeTtl(1).start();
        DnsClient dns = new DnsClient(List.of(own.address()), Duration.ofMillis(500));
        try {
            assertEquals(List.of("192.0.2.1"), dns.a("short.ttl.test").values());
            assertEquals(List.of("192.0.2.2"), dns.a("long.ttl.test").values());
            assertEquals(DnsAnswer.Status.NO_SUCH_NAME, dns.a("gone.ttl.test").status());
        } finally {
            own.close();
        }
        // the server is gone: what is fresh comes from the cache, the rest cannot be had
        assertEquals(List.of("192.0.2.2"), dns.a("long.ttl.test").values());
        Thread.sleep(2100);
        assertEquals(List.of("192.0.2.2"), dns.a("long.ttl.test").values());
        assertThrows(DnsFailure.class, () -> dns.a("short.ttl.test"));
        assertThrows(DnsFailure.class, () -> dns.a("gone.ttl.test"));
    }

    @Test
    void aSilentServerTimesOutWithinTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsClient dns = new DnsClient(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    silent.getLocalPort())), Duration.ofMillis(400));
            long start = System.nanoTime();
            assertThrows(DnsFailure.class, () -> dns.a("host.dns.test"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 350 && millis < 1500, millis + " ms");
        }
    }

    @Test
    void reversedNamesForIpLists() {
        assertEquals("1.2.0.192.zen.test", DnsClient.reversed("192.0.2.1", "zen.test"));
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.test",
                DnsClient.reversed("2001:db8::1", "zen.test"));
    }

    @Test
    void resolversAsTheSettingsWriteThem() {
        assertEquals(new InetSocketAddress("127.0.0.1", 53), SenderChecks.resolver("127.0.0.1"));
        assertEquals(new InetSocketAddress("127.0.0.1", 5353), SenderChecks.resolver("127.0.0.1:5353"));
        assertEquals(new InetSocketAddress("::1", 53), SenderChecks.resolver("::1"));
        assertEquals(new InetSocketAddress("::1", 5353), SenderChecks.resolver("[::1]:5353"));
        assertEquals("not an IP address: resolver.example", assertThrows(IllegalArgumentException.class,
                () -> SenderChecks.resolver("resolver.example")).getMessage());
        assertEquals("not a port in 127.0.0.1:70000", assertThrows(IllegalArgumentException.class,
                () -> SenderChecks.resolver("127.0.0.1:70000")).getMessage());
        assertEquals(List.of(), SenderChecks.DEFAULT.resolvers());
    }

    private static DnsAnswer sorted(DnsAnswer a) {
        return new DnsAnswer(a.status(), a.values().stream().sorted().toList(), a.ttlSeconds());
    }
}
