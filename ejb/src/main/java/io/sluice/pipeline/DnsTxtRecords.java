package io.sluice.pipeline;

import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;
import io.sluice.dns.DnsFailure;
import io.sluice.dns.TxtLookup;

import java.util.List;

/**
 * The gateway's resolvers and cache as the DKIM, ARC and DMARC checks ask them: a name without TXT
 * records or without existence is an empty answer ("none", RFC 6376 §6.1.2; RFC 7489 §6.6.3), a
 * question no resolver answered (timeout, SERVFAIL, REFUSED) a temporary failure ("temperror").
 */
final class DnsTxtRecords implements TxtRecords {

    private final TxtLookup dns;

    DnsTxtRecords(TxtLookup dns) {
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
