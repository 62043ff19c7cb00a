package io.sluice.dmarc;

import io.sluice.dkim.TagList;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A DMARC policy record (RFC 7489 §6.3), the TXT record at {@code _dmarc.domain}. {@code v=DMARC1}
 * must come first; {@code p=} is required, except that a record with a valid {@code rua=} and no
 * or a bad {@code p=}, or a bad {@code sp=}, counts as {@code p=none} (§6.6.3). Any other tag with a bad value falls back
 * to its default, as §6.3 asks ("syntax errors in the remainder of the record SHOULD be discarded
 * in favor of default values").
 *
 * @param policy          {@code p=}
 * @param subdomainPolicy {@code sp=}, or {@link #policy} when absent
 * @param percent         {@code pct=} (default 100)
 * @param strictDkim      {@code adkim=s} (default relaxed)
 * @param strictSpf       {@code aspf=s} (default relaxed)
 * @param aggregate       {@code rua=} URIs
 * @param failure         {@code ruf=} URIs
 * @param failureOptions  {@code fo=} (default "0"), as the aggregate report's policy_published shows it
 */
public record DmarcRecord(Policy policy, Policy subdomainPolicy, int percent, boolean strictDkim, boolean strictSpf,
                          List<String> aggregate, List<String> failure, String failureOptions) {

    /** A record with the default {@code fo=0}. */
    public DmarcRecord(Policy policy, Policy subdomainPolicy, int percent, boolean strictDkim, boolean strictSpf,
                       List<String> aggregate, List<String> failure) {
        this(policy, subdomainPolicy, percent, strictDkim, strictSpf, aggregate, failure, "0");
    }

    /** What a domain asks receivers to do with mail that fails. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        static Policy of(String v) {
            return v == null ? null : switch (v.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }

        /** One step milder: what applies to the messages {@code pct=} leaves out (§6.6.4). */
        public Policy milder() {
            return this == REJECT ? QUARANTINE : NONE;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Not a DMARC record. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Whether a TXT record is meant as a DMARC record (and so counts when several are published). */
    public static boolean isDmarc(String txt) {
        String t = txt.stripLeading();
        return t.startsWith("v=DMARC1") && (t.length() == 8 || t.charAt(8) == ';' || t.charAt(8) == ' ' || t.charAt(8) == '\t');
    }

    public static DmarcRecord parse(String txt) throws Invalid {
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (TagList.SyntaxException e) {
            throw new Invalid("DMARC record syntax: " + e.getMessage());
        }
        if (!"v".equals(tags.firstName()) || !"DMARC1".equals(tags.get("v"))) {
            throw new Invalid("DMARC record does not begin with v=DMARC1");
        }
        List<String> rua = uris(tags.get("rua"));
        List<String> ruf = uris(tags.get("ruf"));
        Policy p = Policy.of(tags.get("p"));
        Policy sp = Policy.of(tags.get("sp"));
        if (p == null || (tags.has("sp") && sp == null)) {
            // §6.6.3 step 6: without a valid p= (or with an invalid sp=) the record counts as p=none if it has a rua=
            if (rua.isEmpty()) {
                throw new Invalid(p == null ? tags.has("p") ? "DMARC record has an unknown p=" + tags.get("p") : "DMARC record has no p="
                        : "DMARC record has an unknown sp=" + tags.get("sp"));
            }
            p = Policy.NONE;
            sp = Policy.NONE;
        }
        int pct = 100;
        String pctValue = tags.get("pct");
        if (pctValue != null && pctValue.matches("[0-9]{1,3}") && Integer.parseInt(pctValue) <= 100) {
            pct = Integer.parseInt(pctValue);
        }
        String fo = tags.get("fo") == null ? "" : tags.get("fo").replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        return new DmarcRecord(p, sp == null ? p : sp, pct, "s".equalsIgnoreCase(tags.get("adkim")),
                "s".equalsIgnoreCase(tags.get("aspf")), rua, ruf, fo.matches("[01ds](:[01ds]){0,3}") ? fo : "0");
    }

    private static List<String> uris(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(u -> u.regionMatches(true, 0, "mailto:", 0, 7)).toList();
    }
}
