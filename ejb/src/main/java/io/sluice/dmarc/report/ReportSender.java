package io.sluice.dmarc.report;

import io.sluice.config.DmarcSettings;
import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sends one aggregate report per policy domain for a period, to each {@code rua=} destination of
 * the domain's newest row that may have it (§7.1, external destinations verified) and whose
 * {@code !size} it fits, then takes the reported messages off the rows. A domain's rows stay for
 * the next run only when a destination could not be reached this time and none got the report;
 * a report no destination may have is dropped with its rows, as the domain's record asks for
 * nothing we can send.
 */
public final class ReportSender {

    private static final Logger LOG = Logger.getLogger(ReportSender.class.getName());

    /** How the mail leaves (the downstream relay). */
    @FunctionalInterface
    public interface Outbox {
        Delivery send(String sender, String recipient, byte[] mail);
    }

    public enum Delivery { SENT, REFUSED, TRY_LATER }

    /** What a run did: reports (one per domain and destination) sent, destinations left out, domains kept for later. */
    public record Summary(int domains, int sent, int skipped, int kept) {
    }

    private final ReportStore store;
    private final TxtRecords dns;
    private final Outbox outbox;

    public ReportSender(ReportStore store, TxtRecords dns, Outbox outbox) {
        this.store = store;
        this.dns = dns;
        this.outbox = outbox;
    }

    /** @param end the period's end; also what the report ids and the Date fields are made of */
    public Summary send(DmarcSettings s, Instant begin, Instant end) {
        String submitter = s.reportSender().substring(s.reportSender().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String organisation = s.reportOrganisation().isBlank() ? submitter : s.reportOrganisation();
        int domains = 0;
        int sent = 0;
        int skipped = 0;
        int kept = 0;
        for (String domain : store.domains()) {
            List<ReportStore.Stored> rows = store.rows(domain);
            if (rows.isEmpty()) {
                continue;
            }
            domains++;
            AggregateReport report = new AggregateReport(organisation, s.reportSender(), reportId(end, domain, submitter),
                    begin, end, domain, rows);
            int reached = 0;
            boolean later = false;
            for (ReportDestination d : destinations(rows.get(rows.size() - 1).row().published().rua())) {
                switch (sendTo(report, d, s.reportSender(), submitter, end)) {
                    case SENT -> reached++;
                    case TRY_LATER -> later = true;
                    case REFUSED -> skipped++;
                }
            }
            sent += reached;
            if (later && reached == 0) {
                kept++;
            } else {
                store.covered(rows);
            }
        }
        return new Summary(domains, sent, skipped, kept);
    }

    /** Unique per domain and period end: "1796032800.example.org@gateway.example" (a msg-id's form, §7.2.1.1). */
    static String reportId(Instant end, String domain, String submitter) {
        return end.getEpochSecond() + "." + domain + "@" + submitter;
    }

    private static List<ReportDestination> destinations(List<String> rua) {
        Set<ReportDestination> out = new LinkedHashSet<>();
        for (String uri : rua) {
            ReportDestination d = ReportDestination.parse(uri);
            if (d == null) {
                LOG.info(() -> "DMARC report destination " + uri + " is not a mailto: address; left out");
            } else {
                out.add(d);
            }
        }
        return new ArrayList<>(out);
    }

    private ReportSender.Delivery sendTo(AggregateReport report, ReportDestination d, String from, String submitter, Instant end) {
        try {
            if (!d.accepts(report.domain(), dns)) {
                LOG.info(() -> "DMARC report for " + report.domain() + " not sent to <" + d.address() + ">: "
                        + report.domain() + "._report._dmarc." + d.domain() + " does not agree to take it (RFC 7489 §7.1)");
                return Delivery.REFUSED;
            }
        } catch (DnsTemporaryFailure e) {
            LOG.info(() -> "DMARC report for " + report.domain() + " to <" + d.address() + "> waits: " + e.getMessage());
            return Delivery.TRY_LATER;
        }
        byte[] mail = ReportMail.build(report, from, submitter, d.address(), end);
        if (mail.length > d.maxBytes()) {
            LOG.info(() -> "DMARC report for " + report.domain() + " not sent to <" + d.address() + ">: " + mail.length
                    + " bytes, more than its limit of " + d.maxBytes());
            return Delivery.REFUSED;
        }
        Delivery result = outbox.send(from, d.address(), mail);
        LOG.info(() -> "DMARC report " + report.reportId() + " to <" + d.address() + ">: " + result);
        return result;
    }
}
