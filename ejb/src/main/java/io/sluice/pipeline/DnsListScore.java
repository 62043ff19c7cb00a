package io.sluice.pipeline;

import io.sluice.config.DnsList;
import io.sluice.dns.DnsClient;
import io.sluice.dnsbl.DnsBlockLists;
import io.sluice.dnsbl.Listing;
import io.sluice.dnsbl.UrlHosts;
import io.sluice.scan.ScanResult;
import io.sluice.scan.spam.SpamSymbol;
import io.sluice.scan.spam.SpamVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * After the analysis: every block list is asked about the client, its HELO name, the sender's
 * domain and the hosts of the URLs in the text parts (the answers from connect and MAIL come from
 * the DNS cache). The listings are facts for the policy ({@code DNSBL} filters) and the tracking
 * log, and each adds its list's weight to the spam score as a symbol of its own
 * ({@code DNSBL_ZEN_EXAMPLE_ORG}).
 */
final class DnsListScore implements EndOfDataStep {

    private final Supplier<DnsClient> dns;

    DnsListScore(Supplier<DnsClient> dns) {
        this.dns = dns;
    }

    @Override
    public void apply(EndOfData m) {
        List<DnsList> lists = m.settings.dnsLists();
        if (lists.isEmpty() || m.message.scan() == null) {
            return;
        }
        long start = System.nanoTime();
        DnsBlockLists dnsbl = new DnsBlockLists(dns.get());
        List<Listing> listings = new ArrayList<>(dnsbl.client(lists, m.tx.client().address(), false));
        listings.addAll(dnsbl.domain(lists, m.tx.client().helo(), "helo"));
        if (!m.tx.isNullSender()) {
            listings.addAll(dnsbl.domain(lists, m.tx.sender().substring(m.tx.sender().lastIndexOf('@') + 1), "sender"));
        }
        for (String host : UrlHosts.of(m.message.texts())) {
            listings.addAll(dnsbl.domain(lists, host, "url"));
        }
        m.clock.dnsLists(System.nanoTime() - start);
        if (listings.isEmpty()) {
            return;
        }
        m.message.listedBy(listings);
        ScanResult scan = m.message.scan();
        if (scan.spam() != null) {
            List<SpamSymbol> symbols = new ArrayList<>(scan.spam().symbols());
            double score = scan.spam().score();
            List<String> counted = new ArrayList<>();
            for (Listing l : listings) {
                if (!counted.contains(l.list().zone())) { // one list counts once, however much it lists
                    counted.add(l.list().zone());
                    symbols.add(new SpamSymbol(symbol(l.list().zone()), l.list().weight()));
                    score += l.list().weight();
                }
            }
            m.message.attach(new ScanResult(scan.analysis(), scan.viruses(),
                    new SpamVerdict(score, symbols, scan.spam().engine()), scan.scannedBy(), scan.notScanned()));
        }
    }

    static String symbol(String zone) {
        return "DNSBL_" + zone.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
