package io.sluice.spf;

import io.sluice.dns.DnsClient;
import io.sluice.dns.TestNameServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every SPF result, each limit, against SPF records served by a real name server (NSD on loopback). */
class SpfVerifierTest {

    /** The records of the zone spf.test, one domain per case. */
    static final String ZONE = """
            pass IN TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all"
            soft IN TXT "v=spf1 ip4:192.0.2.1 ~all"
            neutral IN TXT "v=spf1 ?all"
            norecord IN A 192.0.2.1
            other IN TXT "some other text"
            broken IN TXT "v=spf1 ip4:192.0.2.300 -all"
            twice IN TXT "v=spf1 -all"
            twice IN TXT "v=spf1 +all"
            mx IN TXT "v=spf1 mx -all"
            mx IN MX 10 mail.spf.test.
            mail IN A 192.0.2.25
            incl IN TXT "v=spf1 include:pass.spf.test -all"
            inclgone IN TXT "v=spf1 include:refused.example -all"
            toomany IN TXT "v=spf1 a:h1.spf.test a:h2.spf.test a:h3.spf.test a:h4.spf.test a:h5.spf.test a:h6.spf.test" " a:h7.spf.test a:h8.spf.test a:h9.spf.test a:h10.spf.test a:h11.spf.test ip4:192.0.2.1 -all"
            ten IN TXT "v=spf1 a:h1.spf.test a:h2.spf.test a:h3.spf.test a:h4.spf.test a:h5.spf.test a:h6.spf.test" " a:h7.spf.test a:h8.spf.test a:h9.spf.test a:h10.spf.test ip4:192.0.2.1 -all"
            voids3 IN TXT "v=spf1 a:v1.spf.test a:v2.spf.test a:v3.spf.test ip4:192.0.2.1 -all"
            voids2 IN TXT "v=spf1 a:v1.spf.test a:v2.spf.test ip4:192.0.2.1 -all"
            h1 IN A 198.51.100.1
            h2 IN A 198.51.100.2
            h3 IN A 198.51.100.3
            h4 IN A 198.51.100.4
            h5 IN A 198.51.100.5
            h6 IN A 198.51.100.6
            h7 IN A 198.51.100.7
            h8 IN A 198.51.100.8
            h9 IN A 198.51.100.9
            h10 IN A 198.51.100.10
            h11 IN A 198.51.100.11
            """;

    private static TestNameServer server;
    private static SpfVerifier spf;

    @BeforeAll
    static void start() throws Exception {
        server = TestNameServer.zones().zone("spf.test", ZONE).start();
        spf = new SpfVerifier(new DnsClient(List.of(server.address()), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static SpfResult mailFrom(String ip, String sender) {
        return spf.mailFrom(ip, sender, "client.example").result();
    }

    @Test
    void passFailSoftfailNeutral() {
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.1", "ann@pass.spf.test"));
        assertEquals(SpfResult.PASS, mailFrom("2001:db8::1", "ann@pass.spf.test"));
        assertEquals(SpfResult.FAIL, mailFrom("198.51.100.1", "ann@pass.spf.test"));
        assertEquals(SpfResult.SOFTFAIL, mailFrom("192.0.2.2", "ann@soft.spf.test"));
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.1", "ann@soft.spf.test"));
        assertEquals(SpfResult.NEUTRAL, mailFrom("192.0.2.1", "ann@neutral.spf.test"));
    }

    @Test
    void noneWithoutARecordOrADomain() {
        assertEquals(SpfResult.NONE, mailFrom("192.0.2.1", "ann@norecord.spf.test"));
        assertEquals(SpfResult.NONE, mailFrom("192.0.2.1", "ann@other.spf.test"));
        assertEquals(SpfResult.NONE, mailFrom("192.0.2.1", "ann@nosuchdomain.spf.test"));
    }

    @Test
    void permerrorForABrokenRecordOrTwoRecords() {
        assertEquals(SpfResult.PERMERROR, mailFrom("192.0.2.1", "ann@broken.spf.test"));
        assertEquals(SpfResult.PERMERROR, mailFrom("192.0.2.1", "ann@twice.spf.test"));
    }

    @Test
    void temperrorWhenTheDnsCannotAnswer() {
        // the name server refuses names outside its zones, as a broken resolver would
        assertEquals(SpfResult.TEMPERROR, mailFrom("192.0.2.1", "ann@refused.example"));
        assertEquals(SpfResult.TEMPERROR, mailFrom("192.0.2.1", "ann@inclgone.spf.test"));
    }

    @Test
    void mechanismsThatAskTheDns() {
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.25", "ann@mx.spf.test"));
        assertEquals(SpfResult.FAIL, mailFrom("192.0.2.26", "ann@mx.spf.test"));
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.9", "ann@incl.spf.test"));
        assertEquals(SpfResult.FAIL, mailFrom("198.51.100.9", "ann@incl.spf.test"));
    }

    @Test
    void tenDnsMechanismsAtMostThenPermerror() {
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.1", "ann@ten.spf.test"));
        assertEquals(SpfResult.PERMERROR, mailFrom("192.0.2.1", "ann@toomany.spf.test"));
    }

    @Test
    void twoVoidLookupsAtMostThenPermerror() {
        assertEquals(SpfResult.PASS, mailFrom("192.0.2.1", "ann@voids2.spf.test"));
        assertEquals(SpfResult.PERMERROR, mailFrom("192.0.2.1", "ann@voids3.spf.test"));
    }

    @Test
    void theNullSenderIsCheckedAsPostmasterOfTheHeloName() {
        assertEquals(new SpfCheck(SpfResult.PASS, "mailfrom", "pass.spf.test", 1),
                spf.mailFrom("192.0.2.1", "", "pass.spf.test"));
        assertEquals(new SpfCheck(SpfResult.FAIL, "mailfrom", "pass.spf.test", 1),
                spf.mailFrom("198.51.100.1", "", "pass.spf.test"));
    }

    @Test
    void theHeloIdentity() {
        assertEquals(new SpfCheck(SpfResult.PASS, "helo", "pass.spf.test", 1), spf.helo("192.0.2.1", "pass.spf.test"));
        assertEquals(new SpfCheck(SpfResult.FAIL, "helo", "pass.spf.test", 1), spf.helo("198.51.100.1", "Pass.SPF.test"));
        assertEquals(new SpfCheck(SpfResult.NONE, "helo", "[192.0.2.1]", 0), spf.helo("192.0.2.1", "[192.0.2.1]"));
        assertEquals(new SpfCheck(SpfResult.NONE, "helo", "localhost", 0), spf.helo("192.0.2.1", "localhost"));
    }

    @Test
    void theDomainIsReportedInLowerCase() {
        assertEquals(new SpfCheck(SpfResult.PASS, "mailfrom", "pass.spf.test", 1),
                spf.mailFrom("192.0.2.1", "Ann@PASS.spf.test", "client.example"));
    }
}
