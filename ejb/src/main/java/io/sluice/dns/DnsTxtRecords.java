package io.sluice.dns;

import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;

import java.util.List;

/**
 * The gateway's resolvers and cache as the DKIM, ARC and DMARC checks and the DMARC report
 * destinations' verification ask them: a name without TXT
 * records or without existence is an empty answer ("none", RFC 6376 §6.1.2; RFC 7489 §6.6.3), a
 * question no resolver answered (timeout, SERVFAIL, REFUSED) a temporary failure ("temperror").
 */
public final class DnsTxtRecords implements TxtRecords {

    private final TxtLookup dns;

    public DnsTxtRecords(TxtLookup dns) {
        this.dns = dns;
    }

    @Override
    public List<String> txt(String name) throws DnsTemporaryFailure {
        try {
            return dns.txt(name);
        } catch (DnsFailure e) {
            throw new DnsTemporaryFailure(e.getMessage(), e);
        }
    }
}
