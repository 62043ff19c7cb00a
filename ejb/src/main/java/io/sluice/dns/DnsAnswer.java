package io.sluice.dns;

import java.util.List;

/**
 * The answer to one DNS question: the records' values as text (an address, a TXT record's strings
 * joined, an MX or PTR target without its final dot), or why there are none.
 *
 * @param status     whether the name has records of the type, none of it, or does not exist
 * @param values     the records' values in the order the server gave them; empty unless FOUND
 * @param ttlSeconds the least TTL of the records (0 for a negative answer)
 */
public record DnsAnswer(Status status, List<String> values, long ttlSeconds) {

    public enum Status {
        FOUND,
        /** The name exists, but has no record of the type asked for. */
        NO_DATA,
        /** The name does not exist (NXDOMAIN). */
        NO_SUCH_NAME
    }

    public DnsAnswer {
        values = List.copyOf(values);
    }

    /** RFC 7208 §4.6.4: a lookup that found nothing, either way, is a "void" one. */
    public boolean isVoid() {
        return status != Status.FOUND;
    }
}
