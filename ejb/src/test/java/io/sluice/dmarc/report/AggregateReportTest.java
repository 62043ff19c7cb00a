package io.sluice.dmarc.report;

import io.sluice.dkim.DkimResult;
import io.sluice.dmarc.DmarcRecord;
import io.sluice.dmarc.DmarcResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rows of messages, their aggregation, and the report's XML (RFC 7489 Appendix C) for a fixed period. */
class AggregateReportTest {

    static final Instant BEGIN = Instant.parse("2026-11-29T00:00:00Z");
    static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    static final DmarcRecord REJECT = new DmarcRecord(DmarcRecord.Policy.REJECT, DmarcRecord.Policy.QUARANTINE, 100, false, true,
            List.of("mailto:dmarc@example.org"), List.of(), "1:d");

    static DkimResult dkim(DkimResult.Status status, String domain, String selector) {
        return new DkimResult(status, domain, selector, "@" + domain, "rsa-sha256", "AAAAAAAA", "x");
    }

    static DmarcResult pass() {
        return new DmarcResult(DmarcResult.Status.PASS, "example.org", "example.org", DmarcRecord.Policy.REJECT,
                DmarcRecord.Policy.NONE, true, false, "DKIM aligned", REJECT, null);
    }

    static DmarcResult fail() {
        return new DmarcResult(DmarcResult.Status.FAIL, "Mail.Example.org", "example.org", DmarcRecord.Policy.QUARANTINE,
                DmarcRecord.Policy.QUARANTINE, false, false, "neither DKIM nor SPF aligned", REJECT, null);
    }

    static ReportRow signed() {
        return ReportRow.of(pass(), "192.0.2.7", "ann@Example.org", "mx.example.org", "softfail", "example.org",
                List.of(dkim(DkimResult.Status.PASS, "Example.org", "sel")));
    }

    static ReportRow forwarded() {
        return ReportRow.of(fail().overriddenBy(new DmarcResult.Override(DmarcResult.OverrideReason.LOCAL_POLICY,
                        "arc=pass as=2 d=lists.example.net")), "2001:db8::25", "", "relay.example.net", null, null,
                List.of(dkim(DkimResult.Status.FAIL, "example.org", "sel"), dkim(DkimResult.Status.PASS, "lists.example.net", "k1")));
    }

    @Test
    void aRowSaysWhatTheReportNeedsAndNothingWhenThereIsNoneToSend() {
        assertEquals(new ReportRow("example.org", "192.0.2.7", "example.org", "example.org", "none", "pass", "fail", null, null,
                List.of(new ReportRow.Dkim("example.org", "sel", "pass")), "example.org", "mfrom", "softfail",
                new ReportRow.Published("reject", "quarantine", 100, "r", "s", "1:d", List.of("mailto:dmarc@example.org"))), signed());
        ReportRow f = forwarded();
        assertEquals("mail.example.org", f.headerFrom());
        assertEquals("", f.envelopeFrom());
        assertEquals("relay.example.net", f.spfDomain(), "the null sender's SPF is HELO's");
        assertEquals("helo", f.spfScope());
        assertEquals("none", f.spfResult(), "SPF not checked");
        assertEquals("local_policy", f.overrideType());
        // pct= left a failure out: the disposition is milder than the policy, reported as sampled_out
        DmarcResult r = fail();
        DmarcResult notSampled = new DmarcResult(r.status(), r.fromDomain(), r.recordAt(), DmarcRecord.Policy.REJECT,
                DmarcRecord.Policy.QUARANTINE, false, false, "x", REJECT, null);
        assertEquals("sampled_out", ReportRow.of(notSampled, "192.0.2.1", "a@b.example", "h", "pass", "b.example", List.of())
                .overrideType());
        // no report without a rua=, a record, or a pass/fail result
        DmarcRecord quiet = new DmarcRecord(DmarcRecord.Policy.REJECT, DmarcRecord.Policy.REJECT, 100, false, false, List.of(), List.of());
        assertNull(ReportRow.of(new DmarcResult(DmarcResult.Status.PASS, "example.org", "example.org", DmarcRecord.Policy.REJECT,
                DmarcRecord.Policy.NONE, true, false, "x", quiet, null), "192.0.2.1", "", "h", null, null, List.of()));
        assertNull(ReportRow.of(new DmarcResult(DmarcResult.Status.TEMPERROR, "example.org", null, null, DmarcRecord.Policy.NONE,
                false, false, "x", null, null), "192.0.2.1", "", "h", null, null, List.of()));
    }

    @Test
    void whatABrokenSignatureSaysIsKeptAsTheStoredTextCanCarryIt() {
        ReportRow r = ReportRow.of(pass(), "192.0.2.7", "ann@example.org", "h", "pass", "example.org",
                List.of(dkim(DkimResult.Status.PERMERROR, "example.org", "a b;c"), dkim(DkimResult.Status.NEUTRAL, "x.example", null)));
        assertEquals(List.of(new ReportRow.Dkim("example.org", "a?b?c", "permerror"), new ReportRow.Dkim("x.example", null, "neutral")),
                r.dkimResults());
        assertEquals("example.org a?b?c permerror;x.example - neutral", r.dkimText());
        assertEquals(r.dkimResults(), ReportRow.dkimOf(r.dkimText()));
    }

    @Test
    void equalRowsAreCountedTogetherAndDrainedOnce() {
        ReportRows rows = new ReportRows();
        rows.seen(signed(), BEGIN.plusSeconds(10));
        rows.seen(forwarded(), BEGIN.plusSeconds(20));
        rows.seen(signed(), BEGIN.plusSeconds(30));
        rows.seen(null, BEGIN);
        Map<ReportRow, ReportTally> drained = rows.drain();
        assertEquals(Map.of(signed(), new ReportTally(2, BEGIN.plusSeconds(10), BEGIN.plusSeconds(30)),
                forwarded(), new ReportTally(1, BEGIN.plusSeconds(20), BEGIN.plusSeconds(20))), drained);
        assertEquals(Map.of(), rows.drain());
    }

    @Test
    void rowsPastTheLimitAreLeftOutNotHeld() {
        ReportRows rows = new ReportRows();
        ReportRow r = signed();
        for (int i = 0; i < ReportRows.LIMIT + 5; i++) {
            rows.seen(new ReportRow(r.policyDomain(), "10.0." + (i / 256) + "." + (i % 256), r.headerFrom(), r.envelopeFrom(),
                    r.disposition(), r.dkim(), r.spf(), null, null, r.dkimResults(), r.spfDomain(), r.spfScope(), r.spfResult(),
                    r.published()), BEGIN);
        }
        rows.seen(new ReportRow(r.policyDomain(), "10.0.0.0", r.headerFrom(), r.envelopeFrom(), r.disposition(), r.dkim(), r.spf(),
                null, null, r.dkimResults(), r.spfDomain(), r.spfScope(), r.spfResult(), r.published()), BEGIN);
        Map<ReportRow, ReportTally> drained = rows.drain();
        assertEquals(ReportRows.LIMIT, drained.size());
        assertEquals(2, drained.values().stream().mapToLong(ReportTally::count).max().orElseThrow(), "a known row still counts");
    }

    static AggregateReport report() {
        return new AggregateReport("Example Gateway <&> Co", "dmarc-reports@gateway.example", "1795910400.example.org@gateway.example",
                BEGIN, END, "example.org", List.of(
                new ReportStore.Stored("k1", signed(), new ReportTally(41, BEGIN, BEGIN)),
                new ReportStore.Stored("k2", forwarded(), new ReportTally(2, BEGIN, END))));
    }

    @Test
    void theXmlIsTheAppendixCDocument() throws IOException {
        String expected = """
                <?xml version="1.0" encoding="UTF-8"?>
                <feedback>
                  <version>1.0</version>
                  <report_metadata>
                    <org_name>Example Gateway &lt;&amp;&gt; Co</org_name>
                    <email>dmarc-reports@gateway.example</email>
                    <report_id>1795910400.example.org@gateway.example</report_id>
                    <date_range>
                      <begin>1795910400</begin>
                      <end>1795996800</end>
                    </date_range>
                  </report_metadata>
                  <policy_published>
                    <domain>example.org</domain>
                    <adkim>r</adkim>
                    <aspf>s</aspf>
                    <p>reject</p>
                    <sp>quarantine</sp>
                    <pct>100</pct>
                    <fo>1:d</fo>
                  </policy_published>
                  <record>
                    <row>
                      <source_ip>192.0.2.7</source_ip>
                      <count>41</count>
                      <policy_evaluated>
                        <disposition>none</disposition>
                        <dkim>pass</dkim>
                        <spf>fail</spf>
                      </policy_evaluated>
                    </row>
                    <identifiers>
                      <envelope_from>example.org</envelope_from>
                      <header_from>example.org</header_from>
                    </identifiers>
                    <auth_results>
                      <dkim>
                        <domain>example.org</domain>
                        <selector>sel</selector>
                        <result>pass</result>
                      </dkim>
                      <spf>
                        <domain>example.org</domain>
                        <scope>mfrom</scope>
                        <result>softfail</result>
                      </spf>
                    </auth_results>
                  </record>
                  <record>
                    <row>
                      <source_ip>2001:db8::25</source_ip>
                      <count>2</count>
                      <policy_evaluated>
                        <disposition>none</disposition>
                        <dkim>fail</dkim>
                        <spf>fail</spf>
                        <reason>
                          <type>local_policy</type>
                          <comment>arc=pass as=2 d=lists.example.net</comment>
                        </reason>
                      </policy_evaluated>
                    </row>
                    <identifiers>
                      <envelope_from></envelope_from>
                      <header_from>mail.example.org</header_from>
                    </identifiers>
                    <auth_results>
                      <dkim>
                        <domain>example.org</domain>
                        <selector>sel</selector>
                        <result>fail</result>
                      </dkim>
                      <dkim>
                        <domain>lists.example.net</domain>
                        <selector>k1</selector>
                        <result>pass</result>
                      </dkim>
                      <spf>
                        <domain>relay.example.net</domain>
                        <scope>helo</scope>
                        <result>none</result>
                      </spf>
                    </auth_results>
                  </record>
                </feedback>
                """;
        AggregateReport r = report();
        assertEquals(expected, r.xml());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.gzip()))) {
            assertEquals(expected, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("gateway.example!example.org!1795910400!1795996800.xml.gz", r.fileName("gateway.example"));
        assertEquals("Report Domain: example.org Submitter: gateway.example Report-ID: <1795910400.example.org@gateway.example>",
                ReportMail.subject(r, "gateway.example"));
    }

    @Test
    void destinationsAndTheirSizeLimits() {
        assertEquals(new ReportDestination("dmarc@example.org", Long.MAX_VALUE), ReportDestination.parse("mailto:dmarc@example.org"));
        assertEquals(new ReportDestination("a@example.net", 10L << 20), ReportDestination.parse(" MAILTO:a@example.net!10m"));
        assertEquals(new ReportDestination("a@example.net", 512), ReportDestination.parse("mailto:a@example.net!512"));
        assertEquals(new ReportDestination("a@example.net", 2048), ReportDestination.parse("mailto:a@example.net!2k"));
        assertEquals(new ReportDestination("a!b@example.net", 1L << 30), ReportDestination.parse("mailto:a%21b@example.net!1g"));
        assertNull(ReportDestination.parse("https://example.org/dmarc"));
        assertNull(ReportDestination.parse("mailto:a@example.net!ten"));
        assertNull(ReportDestination.parse("mailto:nobody"));
    }
}
