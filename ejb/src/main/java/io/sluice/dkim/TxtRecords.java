package io.sluice.dkim;

import java.util.List;

/**
 * The DNS TXT answers DKIM, DMARC and ARC need: the key records and the DMARC records. The DNS
 * layer implements it; tests feed records directly.
 */
@FunctionalInterface
public interface TxtRecords {

    /**
     * The TXT records at {@code name}, each with its character-strings joined (RFC 6376 §3.6.2.2);
     * an empty list when the name or the records do not exist (NXDOMAIN or NODATA: "none").
     *
     * @throws DnsTemporaryFailure when no answer could be had (timeout, SERVFAIL): "temperror"
     */
    List<String> txt(String name) throws DnsTemporaryFailure;
}
