package io.sluice.dnsbl;

import io.sluice.config.DnsList;
import io.sluice.dns.DnsAnswer;
import io.sluice.dns.DnsClient;
import io.sluice.dns.DnsFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Asks DNS block lists about a client address (IP lists) or a domain (domain lists), through the
 * gateway's {@link DnsClient}, whose cache keeps each answer for its TTL: the same client at
 * connect and again at MAIL costs one question. A list that cannot be asked lists nothing (a list
 * that is down must not stop mail); that is logged.
 */
public final class DnsBlockLists {

    private static final Logger LOG = Logger.getLogger(DnsBlockLists.class.getName());

    private final DnsClient dns;

    public DnsBlockLists(DnsClient dns) {
        this.dns = dns;
    }

    /** The IP lists of {@code lists} (those that refuse only, if {@code rejectingOnly}) that list {@code address}. */
    public List<Listing> client(List<DnsList> lists, String address, boolean rejectingOnly) {
        List<Listing> out = new ArrayList<>();
        for (DnsList list : lists) {
            if (list.kind() == DnsList.Kind.IP && (list.reject() || !rejectingOnly)) {
                String name;
                try {
                    name = DnsClient.reversed(address, list.zone());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                ask(list, name, "client", address, out);
            }
        }
        return out;
    }

    /** The domain lists of {@code lists} that list {@code domain}, found as {@code what} ("sender", "helo", "url"). */
    public List<Listing> domain(List<DnsList> lists, String domain, String what) {
        List<Listing> out = new ArrayList<>();
        if (domain == null || domain.isEmpty() || domain.startsWith("[") || !domain.contains(".")) {
            return out;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (DnsList list : lists) {
            if (list.kind() == DnsList.Kind.DOMAIN) {
                ask(list, d + "." + list.zone(), what, d, out);
            }
        }
        return out;
    }

    private void ask(DnsList list, String name, String what, String listed, List<Listing> out) {
        try {
            DnsAnswer a = dns.a(name);
            for (String answer : a.values()) {
                if (list.counts(answer)) {
                    out.add(new Listing(list, what, listed, answer));
                    return;
                }
            }
        } catch (DnsFailure e) {
            LOG.warning(() -> "block list " + list.zone() + " not asked about " + listed + ": " + e.getMessage());
        }
    }
}
