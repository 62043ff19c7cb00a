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
 *                    and for a failure a local override lets through
 * @param dkimAligned whether a passing DKIM signature aligned with the From domain
 * @param spfAligned  whether a passing SPF result aligned with the From domain
 * @param reason      in words
 * @param record      the record that applied (for the aggregate report's policy_published and its rua=), or null
 * @param override    why a failure was let through against the domain's policy (RFC 7489 §6.7), or null
 */
public record DmarcResult(Status status, String fromDomain, String recordAt, DmarcRecord.Policy published,
                          DmarcRecord.Policy disposition, boolean dkimAligned, boolean spfAligned, String reason,
                          DmarcRecord record, Override override) {

    public enum Status {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The reasons a receiver's local policy departs from the domain's (RFC 7489 Appendix C,
     * PolicyOverrideType), those this gateway applies.
     */
    public enum OverrideReason {
        /** The message came through a forwarder the administrator trusts (a client network, or a trusted ARC sealer). */
        TRUSTED_FORWARDER,
        /** The administrator does not enforce this author domain's policy (or trusts an ARC sealer's results). */
        LOCAL_POLICY;

        /** The name in the aggregate report and in Authentication-Results' comment: "trusted_forwarder". */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A local override: its reason and, where there is more to say, a comment (the report's reason/comment). */
    public record Override(OverrideReason reason, String comment) {
    }

    static DmarcResult without(Status status, String fromDomain, String reason) {
        return new DmarcResult(status, fromDomain, null, null, DmarcRecord.Policy.NONE, false, false, reason, null, null);
    }

    /** This failure let through by a local override: the status stays, the disposition becomes none. */
    public DmarcResult overriddenBy(Override why) {
        return new DmarcResult(status, fromDomain, recordAt, published, DmarcRecord.Policy.NONE, dkimAligned, spfAligned,
                reason + "; overridden: " + why.reason().keyword() + (why.comment() == null ? "" : " (" + why.comment() + ")"),
                record, why);
    }
}
