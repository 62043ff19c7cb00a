package io.sluice.dns;

import java.util.List;

/**
 * TXT records by name, as the DNS-based checks need them (SPF, DKIM keys, DMARC policies): each
 * record's strings joined into one (RFC 7208 §3.3, RFC 6376 §3.6.2.2), through the gateway's
 * resolvers and cache.
 */
@FunctionalInterface
public interface TxtLookup {

    /**
     * The TXT records of {@code name}, in the order the server gave them; empty when the name has
     * none or does not exist.
     *
     * @throws DnsFailure when no answer came (timeout, SERVFAIL): a temporary error
     */
    List<String> txt(String name) throws DnsFailure;
}
