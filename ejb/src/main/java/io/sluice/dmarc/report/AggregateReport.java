package io.sluice.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One aggregate report (RFC 7489 §7.2, the XML of Appendix C): who reports, the period, the policy
 * the domain published (that of its newest row), and one record per row with its message count.
 *
 * @param organisation the reporting organisation ({@code org_name})
 * @param email        where the domain owner can write to about it
 * @param reportId     unique per report
 * @param begin        the period's start
 * @param end          the period's end
 * @param domain       the policy domain
 * @param rows         the rows and their counts, in the order they appear
 */
public record AggregateReport(String organisation, String email, String reportId, Instant begin, Instant end,
                              String domain, List<ReportStore.Stored> rows) {

    public AggregateReport {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a report has at least one record");
        }
        rows = List.copyOf(rows);
    }

    /** The XML document, UTF-8. */
    public String xml() {
        ReportRow.Published p = rows.get(rows.size() - 1).row().published();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>\n");
        x.append("  <version>1.0</version>\n");
        x.append("  <report_metadata>\n");
        element(x, 4, "org_name", organisation);
        element(x, 4, "email", email);
        element(x, 4, "report_id", reportId);
        x.append("    <date_range>\n");
        element(x, 6, "begin", Long.toString(begin.getEpochSecond()));
        element(x, 6, "end", Long.toString(end.getEpochSecond()));
        x.append("    </date_range>\n  </report_metadata>\n");
        x.append("  <policy_published>\n");
        element(x, 4, "domain", domain);
        element(x, 4, "adkim", p.adkim());
        element(x, 4, "aspf", p.aspf());
        element(x, 4, "p", p.p());
        element(x, 4, "sp", p.sp());
        element(x, 4, "pct", Integer.toString(p.pct()));
        element(x, 4, "fo", p.fo());
        x.append("  </policy_published>\n");
        for (ReportStore.Stored s : rows) {
            record(x, s.row(), s.tally().count());
        }
        return x.append("</feedback>\n").toString();
    }

    private static void record(StringBuilder x, ReportRow r, long count) {
        x.append("  <record>\n    <row>\n");
        element(x, 6, "source_ip", r.sourceIp());
        element(x, 6, "count", Long.toString(count));
        x.append("      <policy_evaluated>\n");
        element(x, 8, "disposition", r.disposition());
        element(x, 8, "dkim", r.dkim());
        element(x, 8, "spf", r.spf());
        if (r.overrideType() != null) {
            x.append("        <reason>\n");
            element(x, 10, "type", r.overrideType());
            if (r.overrideComment() != null) {
                element(x, 10, "comment", r.overrideComment());
            }
            x.append("        </reason>\n");
        }
        x.append("      </policy_evaluated>\n    </row>\n");
        x.append("    <identifiers>\n");
        element(x, 6, "envelope_from", r.envelopeFrom());
        element(x, 6, "header_from", r.headerFrom());
        x.append("    </identifiers>\n    <auth_results>\n");
        for (ReportRow.Dkim d : r.dkimResults()) {
            x.append("      <dkim>\n");
            element(x, 8, "domain", d.domain());
            if (d.selector() != null) {
                element(x, 8, "selector", d.selector());
            }
            element(x, 8, "result", d.result());
            x.append("      </dkim>\n");
        }
        x.append("      <spf>\n");
        element(x, 8, "domain", r.spfDomain());
        element(x, 8, "scope", r.spfScope());
        element(x, 8, "result", r.spfResult());
        x.append("      </spf>\n    </auth_results>\n  </record>\n");
    }

    private static void element(StringBuilder x, int indent, String name, String text) {
        x.append(" ".repeat(indent)).append('<').append(name).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> x.append("&lt;");
                case '>' -> x.append("&gt;");
                case '&' -> x.append("&amp;");
                default -> x.append(c < ' ' && c != '\t' ? '?' : c); // no control character is allowed in XML 1.0
            }
        }
        x.append("</").append(name).append(">\n");
    }

    /** The XML, gzip-compressed, as the attachment carries it (§7.2.1.1). */
    public byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(xml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code receiver!policy-domain!begin!end.xml.gz} (§7.2.1.1). */
    public String fileName(String receiver) {
        return receiver + "!" + domain + "!" + begin.getEpochSecond() + "!" + end.getEpochSecond() + ".xml.gz";
    }
}
