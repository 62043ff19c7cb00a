package io.sluice.dnsbl;

import io.sluice.config.DnsList;
import io.sluice.dns.DnsClient;
import io.sluice.dns.TestNameServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Block list questions to a real name server (NSD on loopback) and which answers count. */
class DnsBlockListsTest {

    private static final DnsList ZEN = new DnsList("zen.test", DnsList.Kind.IP, "127.0.0.2, 127.0.0.3", true, 0);
    private static final DnsList ANY_IP = new DnsList("any.test", DnsList.Kind.IP, "", false, 1.5);
    private static final DnsList DBL = new DnsList("dbl.test", DnsList.Kind.DOMAIN, "", false, 2);
    /** A list the name server refuses: it lists nothing. */
    private static final DnsList DOWN = new DnsList("down.example", DnsList.Kind.IP, "", true, 0);

    private static TestNameServer server;
    private static DnsBlockLists lists;

    @BeforeAll
    static void start() throws Exception {
        server = TestNameServer.zones()
                .zone("zen.test", "1.2.0.192 IN A 127.0.0.2\n2.2.0.192 IN A 127.0.0.4\n"
                        + "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 IN A 127.0.0.3\n")
                .zone("any.test", "1.2.0.192 IN A 127.0.0.10\n3.2.0.192 IN A 127.255.255.254\n")
                .zone("dbl.test", "bad.example IN A 127.0.1.2\n")
                .start();
        lists = new DnsBlockLists(new DnsClient(List.of(server.address()), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void ipListsWithTheirReturnCodes() {
        List<DnsList> all = List.of(ZEN, ANY_IP, DOWN, DBL);
        assertEquals(List.of(new Listing(ZEN, "client", "192.0.2.1", "127.0.0.2"),
                new Listing(ANY_IP, "client", "192.0.2.1", "127.0.0.10")), lists.client(all, "192.0.2.1", false));
        assertEquals(List.of(new Listing(ZEN, "client", "192.0.2.1", "127.0.0.2")), lists.client(all, "192.0.2.1", true));
        assertEquals(List.of(), lists.client(all, "192.0.2.2", false), "127.0.0.4 is not a code zen.test counts");
        assertEquals(List.of(), lists.client(all, "192.0.2.3", false), "127.255.255.254 is an error answer");
        assertEquals(List.of(new Listing(ZEN, "client", "2001:db8::1", "127.0.0.3")), lists.client(all, "2001:db8::1", true));
    }

    @Test
    void domainListsForNames() {
        List<DnsList> all = List.of(ZEN, DBL);
        assertEquals(List.of(new Listing(DBL, "sender", "bad.example", "127.0.1.2")), lists.domain(all, "Bad.Example.", "sender"));
        assertEquals(List.of(), lists.domain(all, "good.example", "helo"));
        assertEquals(List.of(), lists.domain(all, "[192.0.2.1]", "helo"), "an address literal is no name");
        assertEquals(List.of(), lists.domain(all, "localhost", "helo"));
        assertEquals("dbl.test url bad.example=127.0.1.2", lists.domain(all, "bad.example", "url").get(0).toString());
    }

    @Test
    void theRegisteredDomainsOfTheUrlsInTheText() {
        assertEquals(Set.of("spam.example", "shop.example", "ftp.example", "evil.co.uk"), UrlHosts.of(List.of(
                "see http://spam.example/x and HTTPS://user@WWW.Shop.Example:8080/y", "ftp://ftp.example",
                "mailto:a@b.example http://192.0.2.1/ http://localhost/ https://a.b.evil.co.uk/")));
        StringBuilder hiding = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hiding.append("https://h").append(i).append(".harmless.example/ ");
        }
        assertEquals(Set.of("harmless.example", "listed.example"), UrlHosts.of(List.of(hiding + "http://listed.example/")),
                "host names of one domain are one question");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append("http://h").append(i).append(".example/ ");
        }
        assertEquals(UrlHosts.MAX_HOSTS, UrlHosts.of(List.of(many.toString())).size());
    }
}
