package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.arc.ArcResult;
import io.sluice.arc.ArcVerifier;
import io.sluice.arc.ArrivalAuthentication;
import io.sluice.authresults.AuthenticationResults;
import io.sluice.config.SenderChecks;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimVerifier;
import io.sluice.dkim.TxtRecords;
import io.sluice.config.DmarcSettings;
import io.sluice.dmarc.DmarcEvaluator;
import io.sluice.dmarc.DmarcOverrides;
import io.sluice.dmarc.DmarcResult;
import io.sluice.dmarc.SpfOutcome;
import io.sluice.dmarc.report.ReportRow;
import io.sluice.dns.DnsTxtRecords;
import io.sluice.dns.TxtLookup;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * DKIM, ARC and DMARC at the end of data, while {@code senderChecks.dkim} or {@code senderChecks.dmarc}
 * is on: every DKIM signature and the ARC chain verified from one read of the spooled message
 * (RFC 6376, RFC 8617), then, with DMARC on, the author domain's policy (RFC 7489) from those
 * results and the SPF result of MAIL. The results go into the gateway's Authentication-Results
 * field (RFC 8601 §2.7.1, §2.7.4; RFC 8617 §10.1), the tracking log and the facts the policy
 * decides on ({@code DKIM} and {@code DMARC} filters): so the step runs before {@link Decide}. The
 * Mail from the gateway's own users (authenticated, or from an internal network) is not checked:
 * DMARC is the receiver's check of mail from elsewhere (RFC 7489 §6.6), and such mail is signed
 * only later, by {@link SignDkim}, so checking it here would fail every domain of ours with
 * p=reject. The step refuses nothing itself; acting on a result is the policy's: the default policy's rules
 * "DMARC reject" (550 5.7.1) and "DMARC quarantine" (migration V15) carry out what a failing domain
 * asks for, where an administrator can see, move, soften or remove them like any other rule.
 * A failure the local overrides let through ({@link DmarcOverrides}: an author domain not enforced,
 * a trusted forwarder, a trusted ARC sealer) keeps its status but gets disposition none, so those
 * rules do not act on it; Authentication-Results and the tracking log say so. While aggregate
 * reports are on, the message's report row is made, for {@link CountReportRow} to count once the
 * message is settled.
 */
final class AuthenticateMessage implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(AuthenticateMessage.class.getName());

    private final Supplier<? extends TxtLookup> dns;
    private final Predicate<ClientInfo> outbound;
    private final Clock clock;
    private final IntSupplier percentile;
    /** The overrides of the settings last seen: made again only when the settings change. */
    private volatile Overrides overrides = new Overrides(DmarcSettings.DEFAULT, DmarcOverrides.NONE);

    private record Overrides(DmarcSettings of, DmarcOverrides overrides) {
    }

    /**
     * @param outbound   whether a client sends the gateway's own outbound mail (not checked)
     * @param percentile 0 to 99 for each message, to sample a DMARC record's {@code pct=} with
     */
    AuthenticateMessage(Supplier<? extends TxtLookup> dns, Predicate<ClientInfo> outbound, Clock clock,
                        IntSupplier percentile) {
        this.dns = dns;
        this.outbound = outbound;
        this.clock = clock;
        this.percentile = percentile;
    }

    @Override
    public void apply(EndOfData m) {
        SenderChecks checks = m.settings.senderChecks();
        if (!checks.dkim() && !checks.dmarc() || outbound.test(m.tx.client())) {
            return;
        }
        long start = System.nanoTime();
        TxtRecords txt = new DnsTxtRecords(dns.get());
        ArrivalAuthentication found;
        try (InputStream in = m.message.content().openStream()) {
            found = ArrivalAuthentication.check(in, new DkimVerifier(txt, clock), new ArcVerifier(txt));
        } catch (IOException e) {
            // the scan read the same spool file a moment ago; without it no check has a result
            LOG.warning(() -> m.tx.queueId() + ": DKIM, ARC and DMARC not checked: " + e.getMessage());
            return;
        }
        DmarcResult dmarc = null;
        if (checks.dmarc()) {
            DmarcSettings d = m.settings.dmarc();
            dmarc = overridesFor(d).apply(new DmarcEvaluator(txt, percentile).evaluate(found.fromDomain(), spfOf(m), found.dkim()),
                    m.tx.client().address(), found.arc());
            if (d.reporting()) {
                m.reportRow = ReportRow.of(dmarc, m.tx.client().address(), m.tx.sender(), m.tx.client().helo(),
                        m.tx.attributes().get(MailPhase.SPF), m.tx.attributes().get(MailPhase.SPF_DOMAIN), found.dkim());
            }
        }
        m.clock.authentication(System.nanoTime() - start);
        m.message.authenticatedBy(found, dmarc);
        addResults(m.authResults, found, dmarc);
    }

    private DmarcOverrides overridesFor(DmarcSettings d) {
        Overrides o = overrides;
        if (o.of() != d) {
            o = new Overrides(d, DmarcOverrides.of(d));
            overrides = o;
        }
        return o.overrides();
    }

    /** The SPF result of MAIL for DMARC (RFC 7489 §4.1: MAIL FROM's domain, the HELO name's for the null sender). */
    private static SpfOutcome spfOf(EndOfData m) {
        String result = m.tx.attributes().get(MailPhase.SPF);
        return result == null ? SpfOutcome.NONE : new SpfOutcome(result, m.tx.attributes().get(MailPhase.SPF_DOMAIN));
    }

    /**
     * {@code dkim=pass header.d=example.org header.s=sel header.b=abcdefgh} for each signature
     * (header.b tells two signatures of one domain apart, RFC 6008), {@code dkim=none} without one;
     * {@code arc=pass} when a chain arrived; {@code dmarc=fail header.from=example.org}.
     */
    static void addResults(AuthenticationResults ar, ArrivalAuthentication found, DmarcResult dmarc) {
        if (found.dkim().isEmpty()) {
            ar.add("dkim", "none", Map.of());
        }
        for (DkimResult d : found.dkim()) {
            Map<String, String> properties = new LinkedHashMap<>();
            if (d.domain() != null) {
                properties.put("header.d", d.domain());
            }
            if (d.selector() != null) {
                properties.put("header.s", d.selector());
            }
            if (d.headerB() != null) {
                properties.put("header.b", d.headerB());
            }
            ar.add("dkim", d.status().keyword(), properties);
        }
        if (found.arc().status() != ArcResult.Status.NONE) {
            ar.add("arc", found.arc().status().keyword(), Map.of());
        }
        if (dmarc != null) {
            ar.add("dmarc", dmarc.status().keyword(), dmarc.override() == null ? null : overridden(dmarc.override()),
                    dmarc.fromDomain() == null ? Map.of() : Map.of("header.from", dmarc.fromDomain()));
        }
    }

    /** The DKIM results as the tracking log keeps them: "pass d=example.org s=sel; fail d=..."; "none". */
    static String tracked(List<DkimResult> dkim) {
        if (dkim.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (DkimResult d : dkim) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(d.status().keyword());
            if (d.domain() != null) {
                sb.append(" d=").append(d.domain());
            }
            if (d.selector() != null) {
                sb.append(" s=").append(d.selector());
            }
        }
        return sb.toString();
    }

    /** "overridden: local_policy", with the override's comment after a comma if it has one. */
    private static String overridden(DmarcResult.Override o) {
        return "overridden: " + o.reason().keyword() + (o.comment() == null ? "" : ", " + o.comment());
    }

    /**
     * The DMARC result as the tracking log keeps it: "pass", "none", "fail reject" (with the
     * disposition applied), "fail none (overridden: trusted_forwarder)".
     */
    static String tracked(DmarcResult dmarc) {
        return dmarc.status() == DmarcResult.Status.FAIL
                ? "fail " + dmarc.disposition().name().toLowerCase(java.util.Locale.ROOT)
                + (dmarc.override() == null ? "" : " (overridden: " + dmarc.override().reason().keyword() + ")")
                : dmarc.status().keyword();
    }
}
