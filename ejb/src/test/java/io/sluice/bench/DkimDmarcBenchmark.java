package io.sluice.bench;

import io.sluice.arc.ArcVerifier;
import io.sluice.arc.ArrivalAuthentication;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.SigningKey;
import io.sluice.dkim.TxtRecords;
import io.sluice.dmarc.DmarcEvaluator;
import io.sluice.dmarc.DmarcResult;
import io.sluice.dmarc.SpfOutcome;
import io.sluice.dns.DnsClient;
import io.sluice.dns.DnsFailure;
import io.sluice.dns.TestNameServer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the end of data's DKIM, ARC and DMARC checks cost per message with the DNS answers local
 * (run it, do not unit-test it), as {@link SenderCheckBenchmark} says, with this class's name. Each
 * message (5 KB body, one RSA-2048 relaxed/relaxed signature of its author's domain) is read once
 * for DKIM and ARC, then DMARC looks up its domain's policy: "cold" is every message a new domain
 * (its key and DMARC record asked of the server), "warm" the same message again (both from the cache).
 * Medians and 99th percentiles over 1,000 messages each.
 */
public final class DkimDmarcBenchmark {

    private static final int N = 1000;

    public static void main(String[] args) throws Exception {
        SigningKey base = SigningKey.generate("x.bench.test", "sel", Algorithm.RSA_SHA256);
        String record = base.txtRecord();
        StringBuilder zone = new StringBuilder();
        for (int i = 0; i < N + 200; i++) {
            zone.append("sel._domainkey.d").append(i).append(" IN TXT ").append(TestNameServer.txt(record)).append('\n');
            zone.append("_dmarc.d").append(i).append(" IN TXT \"v=DMARC1; p=reject\"\n");
        }
        String body = "x".repeat(76) + "\r\n";
        try (TestNameServer ns = TestNameServer.zones().zone("bench.test", zone.toString()).start()) {
            DnsClient dns = new DnsClient(List.of(ns.address()), Duration.ofSeconds(2));
            TxtRecords txt = name -> {
                try {
                    return dns.txt(name);
                } catch (DnsFailure e) {
                    throw new DnsTemporaryFailure(e.getMessage(), e);
                }
            };
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < N + 200; i++) {
                String domain = "d" + i + ".bench.test";
                String m = "From: ann@" + domain + "\r\nTo: bob@example.com\r\nSubject: figures " + i + "\r\n\r\n"
                        + body.repeat(64);
                SigningKey key = new SigningKey(domain, "sel", Algorithm.RSA_SHA256, base.privateKey(), base.publicKey());
                messages.add((new DkimSigner(Clock.systemUTC()).sign(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)),
                        key, Canonicalization.RELAXED, Canonicalization.RELAXED) + m).getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = N; i < N + 200; i++) { // warm up the JIT on domains the runs do not use
                check(messages.get(i), txt);
            }
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                long t = System.nanoTime();
                check(messages.get(i), txt);
                cold.add(System.nanoTime() - t);
                t = System.nanoTime();
                check(messages.get(i), txt);
                warm.add(System.nanoTime() - t);
            }
            print("DKIM + ARC + DMARC, new domain (DNS asked)", cold);
            print("DKIM + ARC + DMARC, same domain again (cache)", warm);
        }
    }

    private static void check(byte[] message, TxtRecords txt) throws Exception {
        ArrivalAuthentication a = ArrivalAuthentication.check(new ByteArrayInputStream(message),
                new io.sluice.dkim.DkimVerifier(txt, Clock.systemUTC()), new ArcVerifier(txt));
        DmarcResult d = new DmarcEvaluator(txt, () -> 0).evaluate(a.fromDomain(), SpfOutcome.NONE, a.dkim());
        if (a.dkim().get(0).status() != DkimResult.Status.PASS || d.status() != DmarcResult.Status.PASS) {
            throw new AssertionError(a + " " + d);
        }
    }

    private static void print(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "%-50s median %.3f ms  p99 %.3f ms%n", what, nanos.get(nanos.size() / 2) / 1e6,
                nanos.get(nanos.size() * 99 / 100) / 1e6);
    }
}
