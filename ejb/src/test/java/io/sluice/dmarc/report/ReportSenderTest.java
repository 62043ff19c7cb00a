package io.sluice.dmarc.report;

import io.sluice.config.DmarcSettings;
import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;
import io.sluice.dns.DnsClient;
import io.sluice.dns.DnsFailure;
import io.sluice.dns.TestNameServer;
import io.sluice.persistence.TestDatabase;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import static io.sluice.dmarc.report.AggregateReportTest.BEGIN;
import static io.sluice.dmarc.report.AggregateReportTest.END;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sending a period's reports: the destinations of another organisation verified against a real
 * name server (NSD on loopback, RFC 7489 §7.1), the {@code !size} limits, the mail each destination
 * gets, and which rows are taken off.
 */
class ReportSenderTest {

    private static final DmarcSettings ON = new DmarcSettings(true, "dmarc-reports@gateway.example", "Example Gateway",
            Duration.ofDays(1), "", "", "");
    private static TestNameServer dns;
    private static TxtRecords txt;

    /** One mail handed to the outbox. */
    record Sent(String sender, String recipient, byte[] mail) {
    }

    @BeforeAll
    static void start() throws IOException {
        dns = TestNameServer.zones()
                .zone("reports.example.net", "example.org._report._dmarc IN TXT \"v=DMARC1\"\n"
                        + "other.example._report._dmarc IN TXT \"v=spf1 -all\"\n")
                .zone("example.com", "host IN A 192.0.2.1\n").start();
        DnsClient client = new DnsClient(List.of(dns.address()), Duration.ofSeconds(1));
        txt = name -> {
            try {
                return client.txt(name);
            } catch (DnsFailure e) {
                throw new DnsTemporaryFailure(e.getMessage(), e);
            }
        };
    }

    @AfterAll
    static void stop() throws IOException {
        dns.close();
    }

    private static ReportRow rowFor(String domain, String... rua) {
        ReportRow r = AggregateReportTest.signed();
        return new ReportRow(domain, r.sourceIp(), domain, domain, r.disposition(), r.dkim(), r.spf(), null, null, List.of(),
                domain, "mfrom", "pass", new ReportRow.Published("reject", "reject", 100, "r", "r", List.of(rua)));
    }

    @Test
    void eachDestinationThatMayHaveItGetsTheReportOnce() throws Exception {
        try (TestDatabase db = TestDatabase.open("h2", null)) {
            ReportStore store = new ReportStore(db.dataSource());
            store.add(Map.of(rowFor("example.org", "mailto:dmarc@example.org", "mailto:agg@reports.example.net!1m",
                            "mailto:tiny@reports.example.net!1k", "mailto:x@example.com", "mailto:dmarc@example.org"),
                    new ReportTally(7, BEGIN, BEGIN)));
            // a domain the second destination publishes a record for that is no DMARC one, and one no server answers for
            store.add(Map.of(rowFor("other.example", "mailto:agg@reports.example.net"), new ReportTally(1, BEGIN, BEGIN)));
            store.add(Map.of(rowFor("later.example", "mailto:agg@unanswered.test"), new ReportTally(2, BEGIN, BEGIN)));
            List<Sent> sent = new ArrayList<>();
            ReportSender.Summary summary = new ReportSender(store, txt, (from, to, mail) -> {
                sent.add(new Sent(from, to, mail));
                return ReportSender.Delivery.SENT;
            }).send(ON, BEGIN, END);

            assertEquals(new ReportSender.Summary(3, 2, 3, 1), summary);
            assertEquals(List.of("dmarc@example.org", "agg@reports.example.net"), sent.stream().map(Sent::recipient).toList(),
                    "the same organisation; a verified other one; not past its 1k limit, not unverified, once each");
            assertEquals(List.of("dmarc-reports@gateway.example", "dmarc-reports@gateway.example"),
                    sent.stream().map(Sent::sender).toList());
            assertEquals(List.of("later.example"), store.domains(), "unanswered: kept for the next run; the others are done");

            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sent.get(1).mail()));
            assertEquals("Report Domain: example.org Submitter: gateway.example Report-ID: <1795996800.example.org@gateway.example>",
                    m.getSubject());
            assertEquals("Example Gateway <dmarc-reports@gateway.example>", m.getHeader("From", null));
            assertEquals("agg@reports.example.net", m.getHeader("To", null));
            assertEquals("<1795996800.example.org@gateway.example>", m.getMessageID());
            MimeMultipart parts = (MimeMultipart) m.getContent();
            assertEquals(2, parts.getCount());
            assertEquals("This is a DMARC aggregate report for example.org from Example Gateway,\r\n"
                    + "covering 2026-11-29 00:00:00 UTC to 2026-11-30 00:00:00 UTC.\r\n", parts.getBodyPart(0).getContent());
            BodyPart xml = parts.getBodyPart(1);
            assertEquals("gateway.example!example.org!1795910400!1795996800.xml.gz", xml.getFileName());
            assertEquals("application/gzip; name=gateway.example!example.org!1795910400!1795996800.xml.gz",
                    xml.getContentType().replaceAll("\\s+", " "));
            String document;
            try (GZIPInputStream in = new GZIPInputStream(xml.getInputStream())) {
                document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(true, document.contains("    <report_id>1795996800.example.org@gateway.example</report_id>\n"));
            assertEquals(true, document.contains("      <source_ip>192.0.2.7</source_ip>\n      <count>7</count>\n"));
        }
    }

    @Test
    void aDownstreamThatCannotTakeItNowKeepsTheRowsAndOneThatRefusesDoesNot() throws Exception {
        try (TestDatabase db = TestDatabase.open("h2", null)) {
            ReportStore store = new ReportStore(db.dataSource());
            store.add(Map.of(rowFor("example.org", "mailto:dmarc@example.org"), new ReportTally(1, BEGIN, BEGIN)));
            ReportSender later = new ReportSender(store, txt, (from, to, mail) -> ReportSender.Delivery.TRY_LATER);
            assertEquals(new ReportSender.Summary(1, 0, 0, 1), later.send(ON, BEGIN, END));
            assertEquals(List.of("example.org"), store.domains());
            ReportSender refused = new ReportSender(store, txt, (from, to, mail) -> ReportSender.Delivery.REFUSED);
            assertEquals(new ReportSender.Summary(1, 0, 1, 0), refused.send(ON, BEGIN, END));
            assertEquals(List.of(), store.domains());
        }
    }
}
