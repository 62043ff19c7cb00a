package io.sluice.dmarc;

import java.util.Locale;

/**
 * What DMARC came to for a message: a fact policies can act on.
 *
 * @param status      the result (RFC 8601 §2.7.4 names)
 * @param fromDomain  the author's domain, or null when the message has no single one
 * @param recordAt    the domain whose record applied (the From domain or its organisational domain), or null
 * @param published   the policy that applies to the From domain ({@code p=} or {@code sp=}), or null without a record
 * @param disposition what to do with the message: the published policy for a failure that {@code pct=}
 *                    sampled, one step milder if it did not, {@link DmarcRecord.Policy#NONE} otherwise
 * @param dkimAligned whether a passing DKIM signature aligned with the From domain
 * @param spfAligned  whether a passing SPF result aligned with the From domain
 * @param reason      in words
 */
public record DmarcResult(Status status, String fromDomain, String recordAt, DmarcRecord.Policy published,
                          DmarcRecord.Policy disposition, boolean dkimAligned, boolean spfAligned, String reason) {

    public enum Status {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static DmarcResult without(Status status, String fromDomain, String reason) {
        return new DmarcResult(status, fromDomain, null, null, DmarcRecord.Policy.NONE, false, false, reason);
    }
}
