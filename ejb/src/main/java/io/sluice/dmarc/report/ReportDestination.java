package io.sluice.dmarc.report;

import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;
import io.sluice.dmarc.DmarcRecord;
import io.sluice.dmarc.OrganizationalDomain;

import java.util.Locale;

/**
 * A {@code rua=} destination (RFC 7489 §6.2): a mailto: URI with an optional size limit
 * ({@code mailto:reports@example.org!10m}: k, m, g or t, powers of two; no unit: bytes).
 *
 * @param address  the mailbox
 * @param maxBytes the largest report it takes, or {@link Long#MAX_VALUE}
 */
public record ReportDestination(String address, long maxBytes) {

    /** The destination a URI names, or null when it is none that mail can go to. */
    public static ReportDestination parse(String uri) {
        String u = uri.strip();
        if (!u.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        String rest = u.substring(7);
        long max = Long.MAX_VALUE;
        int bang = rest.lastIndexOf('!');
        if (bang >= 0) {
            String size = rest.substring(bang + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, bang);
            if (!size.matches("[0-9]{1,15}[kmgt]?")) {
                return null;
            }
            char unit = size.charAt(size.length() - 1);
            int shift = switch (unit) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            long n = Long.parseLong(shift == 0 ? size : size.substring(0, size.length() - 1));
            max = n > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : n << shift;
        }
        // a mailto: URI's address is percent-encoded (RFC 6068): "," and "!" are written %2C and %21
        String address = java.net.URLDecoder.decode(rest.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('?') >= 0) {
            return null;
        }
        return new ReportDestination(address, max);
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether reports about {@code policyDomain} may go here (§7.1): always within the same
     * organisational domain; otherwise only when the destination's domain publishes
     * {@code <policyDomain>._report._dmarc.<destination domain>} with a record that begins {@code v=DMARC1}.
     *
     * @throws DnsTemporaryFailure the question had no answer this time
     */
    public boolean accepts(String policyDomain, TxtRecords dns) throws DnsTemporaryFailure {
        String d = domain();
        if (OrganizationalDomain.of(policyDomain).equals(OrganizationalDomain.of(d))) {
            return true;
        }
        return dns.txt(policyDomain.toLowerCase(Locale.ROOT) + "._report._dmarc." + d).stream().anyMatch(DmarcRecord::isDmarc);
    }
}
