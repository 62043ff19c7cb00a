package io.sluice.dmarc.report;

import io.sluice.dkim.DkimResult;
import io.sluice.dmarc.DmarcRecord;
import io.sluice.dmarc.DmarcResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What one row of an aggregate report says about a message (RFC 7489 Appendix C, RecordType), and
 * the policy its domain published. Messages with equal rows are counted together: the report has
 * one row per distinct combination, not one per message.
 *
 * @param policyDomain   the domain whose record applied (the report's {@code policy_published/domain})
 * @param sourceIp       the client's address
 * @param headerFrom     the author's domain
 * @param envelopeFrom   MAIL FROM's domain; empty for the null sender
 * @param disposition    what DMARC had done with the message: none, quarantine or reject
 * @param dkim           "pass" when a passing DKIM signature aligned, else "fail"
 * @param spf            "pass" when a passing SPF result aligned, else "fail"
 * @param overrideType   why the disposition departs from the published policy (PolicyOverrideType), or null
 * @param overrideComment more about it, or null
 * @param dkimResults    each DKIM signature with a domain
 * @param spfDomain      the domain SPF checked
 * @param spfScope       "mfrom" or "helo"
 * @param spfResult      SPF's result
 * @param published      the policy as published
 */
public record ReportRow(String policyDomain, String sourceIp, String headerFrom, String envelopeFrom, String disposition,
                        String dkim, String spf, String overrideType, String overrideComment, List<Dkim> dkimResults,
                        String spfDomain, String spfScope, String spfResult, Published published) {

    public ReportRow {
        dkimResults = List.copyOf(dkimResults);
    }

    /** One DKIM signature's result (DKIMAuthResultType); selector null when it had none. */
    public record Dkim(String domain, String selector, String result) {
    }

    /**
     * The record as published (PolicyPublishedType).
     *
     * @param rua the {@code rua=} URIs, as written (with any {@code !size})
     */
    public record Published(String p, String sp, int pct, String adkim, String aspf, String fo, List<String> rua) {

        public Published {
            rua = List.copyOf(rua);
        }

        /** With the default {@code fo=0}. */
        public Published(String p, String sp, int pct, String adkim, String aspf, List<String> rua) {
            this(p, sp, pct, adkim, aspf, "0", rua);
        }

        static Published of(DmarcRecord r) {
            return new Published(r.policy().keyword(), r.subdomainPolicy().keyword(), r.percent(), r.strictDkim() ? "s" : "r",
                    r.strictSpf() ? "s" : "r", r.failureOptions(), r.aggregate());
        }
    }

    /**
     * The row for a message, or null when none belongs in a report: DMARC did not pass or fail (no
     * usable record, a DNS failure), or the domain asks for no aggregate reports.
     *
     * @param sender     MAIL FROM (empty for the null sender)
     * @param helo       the client's HELO name
     * @param spfResult  SPF's result, or null when SPF was not checked ("none")
     * @param spfDomain  the domain SPF checked, or null
     */
    public static ReportRow of(DmarcResult r, String sourceIp, String sender, String helo, String spfResult,
                               String spfDomain, List<DkimResult> dkim) {
        if (r == null || r.record() == null || r.record().aggregate().isEmpty()
                || r.status() != DmarcResult.Status.PASS && r.status() != DmarcResult.Status.FAIL) {
            return null;
        }
        String envelopeFrom = domainOf(sender);
        String overrideType = null;
        String comment = null;
        if (r.override() != null) {
            overrideType = r.override().reason().keyword();
            comment = r.override().comment();
        } else if (r.status() == DmarcResult.Status.FAIL && r.disposition() != r.published()) {
            overrideType = "sampled_out"; // pct= left it out (§6.6.4)
        }
        boolean nullSender = envelopeFrom.isEmpty();
        String checked = spfDomain != null ? spfDomain : nullSender ? helo : envelopeFrom;
        return new ReportRow(r.recordAt(), sourceIp, r.fromDomain().toLowerCase(Locale.ROOT), envelopeFrom,
                r.disposition().keyword(), r.dkimAligned() ? "pass" : "fail", r.spfAligned() ? "pass" : "fail",
                overrideType, comment,
                dkim.stream().filter(d -> d.domain() != null)
                        .map(d -> new Dkim(token(d.domain().toLowerCase(Locale.ROOT)), d.selector() == null ? null : token(d.selector()),
                                d.status().keyword())).toList(),
                checked == null ? "" : checked.toLowerCase(Locale.ROOT), nullSender ? "helo" : "mfrom",
                spfResult == null ? "none" : spfResult.toLowerCase(Locale.ROOT), Published.of(r.record()));
    }

    /**
     * The same row with another disposition, because the receiver's policy applied another than
     * DMARC asked for; an override reason already given (a local override) stays.
     */
    public ReportRow applied(String newDisposition, String reason, String comment) {
        boolean keep = overrideType != null && !overrideType.equals("sampled_out");
        return new ReportRow(policyDomain, sourceIp, headerFrom, envelopeFrom, newDisposition, dkim, spf,
                keep ? overrideType : reason, keep ? overrideComment : comment, dkimResults, spfDomain, spfScope, spfResult,
                published);
    }

    /**
     * A signature's domain or selector as the stored text can carry it: what a broken signature
     * says there may hold white space or ";", which separate the stored results.
     */
    private static String token(String s) {
        return s.replaceAll("[\\s;]", "?");
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The DKIM results as stored: "domain selector result" each, separated by ";" ("-" for no selector). */
    String dkimText() {
        StringBuilder sb = new StringBuilder();
        for (Dkim d : dkimResults) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(d.domain()).append(' ').append(d.selector() == null ? "-" : d.selector()).append(' ').append(d.result());
        }
        return sb.toString();
    }

    static List<Dkim> dkimOf(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(";")).map(t -> {
            String[] f = t.split(" ", 3);
            return new Dkim(f[0], f[1].equals("-") ? null : f[1], f[2]);
        }).toList();
    }

    /** The SHA-256 of everything the row says, in hex: the same on every node, the row's key in the database. */
    String key() {
        String all = String.join("\u0000", policyDomain, sourceIp, headerFrom, envelopeFrom, disposition, dkim, spf,
                String.valueOf(overrideType), String.valueOf(overrideComment), dkimText(), spfDomain, spfScope, spfResult,
                published.p(), published.sp(), Integer.toString(published.pct()), published.adkim(), published.aspf(),
                published.fo(), String.join(",", published.rua()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
