package io.sluice.spf;

import io.sluice.dns.DnsClient;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.SPF;

import java.util.Locale;

/**
 * SPF checks (RFC 7208) with Apache jSPF over the gateway's {@link DnsClient}: the MAIL FROM
 * identity (the HELO name's for the null sender, §2.4) and the HELO identity (§2.3), for the real
 * client address. jSPF keeps the limit of 10 DNS-querying mechanisms (§4.6.4); {@link JspfDns}
 * adds the void lookup limit. Thread-safe.
 */
public final class SpfVerifier {

    private final SPF spf;

    public SpfVerifier(DnsClient dns) {
        JspfDns service = new JspfDns(dns);
        spf = new SPF(service, new SynchronousSPFExecutor(service));
        spf.setUseBestGuess(false);
        spf.setUseTrustedForwarder(false);
    }

    /**
     * check_host() for MAIL FROM: the sender's domain, or for the null sender "postmaster@" the
     * HELO name.
     */
    public SpfCheck mailFrom(String clientAddress, String sender, String helo) {
        if (sender == null || sender.isEmpty()) {
            SpfCheck h = helo(clientAddress, helo);
            return new SpfCheck(h.result(), "mailfrom", h.domain(), h.lookups());
        }
        int at = sender.lastIndexOf('@');
        String domain = at < 0 ? sender : sender.substring(at + 1);
        return check(clientAddress, sender, helo, "mailfrom", domain);
    }

    /** check_host() for the HELO name; "none" for an address literal or a name without a dot (§2.3). */
    public SpfCheck helo(String clientAddress, String helo) {
        if (helo == null || helo.startsWith("[") || !helo.contains(".")) {
            return new SpfCheck(SpfResult.NONE, "helo", helo == null ? "" : helo, 0);
        }
        return check(clientAddress, "postmaster@" + helo, helo, "helo", helo);
    }

    private SpfCheck check(String clientAddress, String sender, String helo, String identity, String domain) {
        JspfDns.Count count = JspfDns.begin();
        try {
            SPFResult r = spf.checkSPF(clientAddress, sender, helo == null ? "" : helo);
            SpfResult result = count.voidLimitExceeded ? SpfResult.PERMERROR : SpfResult.of(r.getResult());
            return new SpfCheck(result, identity, domain.toLowerCase(Locale.ROOT), count.lookups);
        } catch (RuntimeException e) {
            // jSPF's executor rethrows what none of its handlers took; the record cannot be evaluated
            return new SpfCheck(count.voidLimitExceeded ? SpfResult.PERMERROR : SpfResult.TEMPERROR, identity,
                    domain.toLowerCase(Locale.ROOT), count.lookups);
        } finally {
            JspfDns.end();
        }
    }
}
