package io.sluice.dmarc;

import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * DMARC (RFC 7489 §6.6): finds the policy record of the author's domain, or else of its
 * organisational domain (§6.6.3), and checks whether a passing DKIM signature or a passing SPF
 * result is aligned with the author's domain (§3.1). A failure gets the published policy
 * ({@code sp=} for a subdomain whose record came from the organisational domain), applied to the
 * {@code pct=} share of messages, the others getting one step milder (§6.6.4).
 */
public final class DmarcEvaluator {

    private final TxtRecords dns;
    private final IntSupplier percentile;

    /** @param percentile a number from 0 to 99 for each message, to sample {@code pct=} with */
    public DmarcEvaluator(TxtRecords dns, IntSupplier percentile) {
        this.dns = dns;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain the author's domain ({@link io.sluice.dkim.FromDomain}), or null when the message has no single one
     * @param spf        the SPF outcome of the message
     * @param dkim       the DKIM results of the message
     */
    public DmarcResult evaluate(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        if (fromDomain == null) {
            return DmarcResult.without(DmarcResult.Status.PERMERROR, null, "no single author domain in From");
        }
        Found found;
        try {
            found = find(fromDomain);
        } catch (DnsTemporaryFailure e) {
            return DmarcResult.without(DmarcResult.Status.TEMPERROR, fromDomain, "DMARC record lookup: " + e.getMessage());
        }
        if (found.record() == null) {
            return DmarcResult.without(found.problem() == null ? DmarcResult.Status.NONE : DmarcResult.Status.PERMERROR,
                    fromDomain, found.problem() == null ? "no DMARC record" : found.problem());
        }
        DmarcRecord r = found.record();
        boolean dkimAligned = dkim.stream().anyMatch(d -> d.status() == DkimResult.Status.PASS
                && OrganizationalDomain.aligned(d.domain(), fromDomain, r.strictDkim()));
        boolean spfAligned = spf.passed() && OrganizationalDomain.aligned(spf.domain(), fromDomain, r.strictSpf());
        DmarcRecord.Policy published = found.at().equals(fromDomain) ? r.policy() : r.subdomainPolicy();
        if (dkimAligned || spfAligned) {
            return new DmarcResult(DmarcResult.Status.PASS, fromDomain, found.at(), published, DmarcRecord.Policy.NONE,
                    dkimAligned, spfAligned, (dkimAligned ? "DKIM" : "SPF") + " aligned", r, null);
        }
        boolean sampled = r.percent() == 100 || percentile.getAsInt() < r.percent();
        DmarcRecord.Policy disposition = sampled ? published : published.milder();
        return new DmarcResult(DmarcResult.Status.FAIL, fromDomain, found.at(), published, disposition, false, false,
                "neither DKIM nor SPF aligned" + (sampled ? "" : " (not sampled by pct=" + r.percent() + ")"), r, null);
    }

    /** The record that applies, where it was found, or why there is none usable. */
    private record Found(DmarcRecord record, String at, String problem) {
    }

    private Found find(String fromDomain) throws DnsTemporaryFailure {
        Found own = lookup(fromDomain);
        if (own.record() != null || own.problem() != null) {
            return own;
        }
        String org = OrganizationalDomain.of(fromDomain);
        return org.equals(fromDomain) ? own : lookup(org);
    }

    private Found lookup(String domain) throws DnsTemporaryFailure {
        List<String> records = dns.txt("_dmarc." + domain).stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new Found(null, domain, null);
        }
        if (records.size() > 1) {
            // §6.6.3: several records end the discovery with no policy; reported as an error of the domain
            return new Found(null, domain, "more than one DMARC record at _dmarc." + domain);
        }
        try {
            return new Found(DmarcRecord.parse(records.get(0)), domain, null);
        } catch (DmarcRecord.Invalid e) {
            return new Found(null, domain, e.getMessage() + " (_dmarc." + domain + ")");
        }
    }
}
