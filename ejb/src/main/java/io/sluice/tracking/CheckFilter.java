package io.sluice.tracking;

import io.sluice.manage.Violation;
import io.sluice.persistence.Where;
import io.sluice.policy.CheckResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of a tracking search that asks for the sender checks' results, each optional: the SPF
 * result of MAIL FROM; a result of any DKIM signature ("none": unsigned); the DMARC result, or
 * "reject" / "quarantine" for a failure whose domain asked for that; greylisting's result; and
 * whether a DNS block list listed something (true) or nothing (false).
 */
public record CheckFilter(String spf, String dkim, String dmarc, String greylist, Boolean listed) {

    public static final CheckFilter ANY = new CheckFilter(null, null, null, null, null);

    public CheckFilter {
        spf = word(spf);
        dkim = word(dkim);
        dmarc = word(dmarc);
        greylist = word(greylist);
    }

    /** Each filter given that is no result of its check, named by its query parameter. */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        check(v, "spf", spf, CheckResults.SPF);
        check(v, "dkim", dkim, CheckResults.DKIM);
        check(v, "dmarc", dmarc, CheckResults.DMARC);
        check(v, "greylist", greylist, CheckResults.GREYLIST);
        return v;
    }

    /**
     * The conditions on the columns as {@code TrackingRecord} writes them: dkim "pass d=a s=b; fail
     * d=c" (a result opens the text or follows "; "), dmarc "fail reject" (the disposition after the
     * result).
     */
    Where addTo(Where where) {
        where.equal("spf", spf).equal("greylist", greylist);
        if (dkim != null) {
            where.condition("(dkim = ? OR dkim LIKE ? OR dkim LIKE ? OR dkim LIKE ?)",
                    List.of(dkim, dkim + " %", "%; " + dkim + " %", "%; " + dkim));
        }
        if ("reject".equals(dmarc) || "quarantine".equals(dmarc)) {
            where.equal("dmarc", "fail " + dmarc);
        } else if (dmarc != null) {
            where.condition("(dmarc = ? OR dmarc LIKE ?)", List.of(dmarc, dmarc + " %"));
        }
        if (listed != null) {
            where.condition(listed ? "dnsbl IS NOT NULL" : "dnsbl IS NULL", List.of());
        }
        return where;
    }

    private static String word(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static void check(List<Violation> v, String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            v.add(new Violation(field, "must be one of " + String.join(", ", allowed)));
        }
    }
}
