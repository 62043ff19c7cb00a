package io.sluice.dns;

import io.sluice.dkim.DnsTemporaryFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DKIM/DMARC view of the gateway's resolvers, against a real name server: none is empty, no answer temporary. */
class DnsTxtRecordsTest {

    private static TestNameServer dns;

    @BeforeAll
    static void start() throws IOException {
        dns = TestNameServer.zones().zone("txt.test", """
                sel._domainkey IN TXT "v=DKIM1; k=ed25519; " "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
                _dmarc IN TXT "v=DMARC1; p=reject"
                _dmarc IN TXT "unrelated"
                host IN A 192.0.2.1
                """).start();
    }

    @AfterAll
    static void stop() throws IOException {
        dns.close();
    }

    private final DnsTxtRecords records = new DnsTxtRecords(new DnsClient(List.of(dns.address()), Duration.ofSeconds(2)));

    @Test
    void recordsAreGivenWithTheirStringsJoined() throws DnsTemporaryFailure {
        assertEquals(List.of("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="),
                records.txt("sel._domainkey.txt.test"));
        assertEquals(List.of("unrelated", "v=DMARC1; p=reject"), records.txt("_dmarc.txt.test").stream().sorted().toList());
    }

    @Test
    void aNameWithoutRecordsOrWithoutExistenceIsEmpty() throws DnsTemporaryFailure {
        assertEquals(List.of(), records.txt("host.txt.test"), "NODATA");
        assertEquals(List.of(), records.txt("other._domainkey.txt.test"), "NXDOMAIN");
    }

    @Test
    void noAnswerIsATemporaryFailure() {
        // the server answers REFUSED outside its zones
        DnsTemporaryFailure refused = assertThrows(DnsTemporaryFailure.class, () -> records.txt("_dmarc.outside.example"));
        assertEquals(io.sluice.dns.DnsFailure.class, refused.getCause().getClass());
        assertTrue(refused.getMessage().startsWith("TXT _dmarc.outside.example: "), refused.getMessage());
        DnsTxtRecords silent = new DnsTxtRecords(new DnsClient(List.of(new java.net.InetSocketAddress("127.0.0.1", 9)),
                Duration.ofMillis(300)));
        assertThrows(DnsTemporaryFailure.class, () -> silent.txt("_dmarc.txt.test"), "timeout");
    }
}
