package io.sluice.bench;

import io.sluice.config.DnsList;
import io.sluice.dns.DnsClient;
import io.sluice.dns.TestNameServer;
import io.sluice.dnsbl.DnsBlockLists;
import io.sluice.spf.SpfVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the sender checks cost per message with the DNS answers local (run it, do not unit-test it):
 * <pre>
 *   mvn -q -pl ejb -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 *   java -cp ejb/target/test-classes:ejb/target/classes:$(cat ejb/target/bench.cp) io.sluice.bench.SenderCheckBenchmark
 * </pre>
 * A real name server (NSD on loopback) serves the records. "Cold" is every sender a new domain (each
 * new name goes to the server; the shared include and a: targets come from the cache after the
 * first), "warm" the same sender again (all answers from the cache). The
 * figures are medians and 99th percentiles over 2,000 messages each.
 */
public final class SenderCheckBenchmark {

    private static final int N = 2000;

    public static void main(String[] args) throws Exception {
        StringBuilder zone = new StringBuilder();
        for (int i = 0; i < N; i++) {
            // a typical record: one include, one a, one ip4 range
            zone.append("d").append(i).append(" IN TXT \"v=spf1 include:inc.bench.test a:mx.bench.test -all\"\n");
        }
        zone.append("inc IN TXT \"v=spf1 ip4:192.0.2.0/24 ~all\"\nmx IN A 198.51.100.1\n");
        try (TestNameServer ns = TestNameServer.zones().zone("bench.test", zone.toString())
                .zone("bl.test", "2.0.2.192 IN A 127.0.0.2\n").start()) {
            DnsClient dns = new DnsClient(List.of(ns.address()), Duration.ofSeconds(2));
            SpfVerifier spf = new SpfVerifier(dns);
            for (int i = 0; i < 200; i++) { // warm up the JIT on names the runs do not use
                spf.mailFrom("192.0.2.1", "w@warm" + i + ".bench.test", "client.example");
            }
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                long t = System.nanoTime();
                spf.mailFrom("192.0.2.1", "ann@d" + i + ".bench.test", "client.example");
                cold.add(System.nanoTime() - t);
                t = System.nanoTime();
                spf.mailFrom("192.0.2.1", "ann@d" + i + ".bench.test", "client.example");
                warm.add(System.nanoTime() - t);
            }
            print("SPF MAIL FROM, new domain (its TXT asked)", cold);
            print("SPF MAIL FROM, same domain again (cache)", warm);

            List<DnsList> lists = List.of(new DnsList("bl.test", DnsList.Kind.IP, "", false, 1),
                    new DnsList("bl.test", DnsList.Kind.DOMAIN, "", false, 1));
            List<Long> ipCold = new ArrayList<>();
            List<Long> ipWarm = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                DnsBlockLists bl = new DnsBlockLists(dns);
                String ip = "203.0." + (i / 250) + "." + (i % 250);
                long t = System.nanoTime();
                bl.client(lists, ip, false);
                bl.domain(lists, "s" + i + ".example", "sender");
                ipCold.add(System.nanoTime() - t);
                t = System.nanoTime();
                bl.client(lists, ip, false);
                bl.domain(lists, "s" + i + ".example", "sender");
                ipWarm.add(System.nanoTime() - t);
            }
            print("block lists, one IP and one domain list, cold", ipCold);
            print("block lists, one IP and one domain list, warm", ipWarm);
        }
    }

    private static void print(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "%-50s median %.3f ms  p99 %.3f ms%n", what, nanos.get(nanos.size() / 2) / 1e6,
                nanos.get(nanos.size() * 99 / 100) / 1e6);
    }
}
