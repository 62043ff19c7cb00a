package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.config.SettingsCache;
import io.sluice.dmarc.report.ReportRows;
import io.sluice.dns.Resolvers;
import io.sluice.notify.Notifier;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.PolicySnapshot;
import io.sluice.quarantine.QuarantineStore;
import io.sluice.signing.SigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * End of data: the message goes through its steps in order until one settles it, then it is
 * recorded and its notifications are sent. A client hears 250 only when the message is safe:
 * relayed downstream, stored in quarantine, or deliberately dropped.
 *
 * <pre>
 * analyse → block lists → DKIM, ARC and DMARC → decide → stamp headers → archive copies → drop | hold → forged verdicts
 *         → rewrite body → edit headers → sign (DKIM, outbound) → seal (ARC, inbound) → deliver;
 *         then always: record → DMARC report row → notify
 * </pre>
 */
@ApplicationScoped
public class EndOfDataPhase {

    @Inject
    PolicyCache policies;

    @Inject
    MessageRelay relay;

    @Inject
    MessageLedger ledger;

    @Inject
    ContentScanner scanner;

    @Inject
    SettingsCache settings;

    @Inject
    QuarantineStore quarantine;

    @Inject
    Notifier notifier;

    @Inject
    SigningKeys signingKeys;

    @Inject
    Resolvers resolvers;

    @Inject
    ReportRows reportRows;

    private List<EndOfDataStep> steps;
    private List<EndOfDataStep> always;

    @PostConstruct
    void assemble() {
        QuarantineHold holds = new QuarantineHold(quarantine);
        java.util.function.Predicate<io.sluice.api.ClientInfo> outbound = c -> policies.snapshot().isOutbound(c.address(),
                c.authenticated());
        steps = List.of(new ReadyDownstream(relay), new Analyse(scanner), new DnsListScore(resolvers::client),
                new AuthenticateMessage(resolvers::client, outbound, Clock.systemUTC(),
                        () -> ThreadLocalRandom.current().nextInt(100)),
                new Decide(), new StampHeaders(),
                new ArchiveCopies(relay), new Drop(), new Hold(holds), new ForgedVerdicts(), new RewriteBody(holds),
                new EditHeaders(), new SignDkim(signingKeys, outbound, Clock.systemUTC()),
                new SealArc(signingKeys, outbound, Clock.systemUTC()), new Deliver(relay, holds));
        always = List.of(new RecordOutcome(ledger), new CountReportRow(reportRows::seen, Clock.systemUTC()),
                new SendNotifications(notifier));
    }

    public Reply handle(Transaction tx, MessageContent content) {
        return run(new EndOfData(tx, content, policyOf(tx), settings.current(), new StageClock()), steps, always);
    }

    /** The steps until one settles the message (the last always does), then those that always run. */
    static Reply run(EndOfData m, List<EndOfDataStep> steps, List<EndOfDataStep> always) {
        try {
            for (EndOfDataStep step : steps) {
                step.apply(m);
                if (m.settled()) {
                    break;
                }
                m.advanceDownstream();
            }
        } finally {
            m.release();
        }
        if (!m.settled()) {
            throw new IllegalStateException(m.tx.queueId() + ": no step settled the message");
        }
        for (EndOfDataStep step : always) {
            step.apply(m);
        }
        return m.reply();
    }

    /** The bound policy; if it was deleted meanwhile, whatever applies to the first recipient now. */
    private PolicyRules policyOf(Transaction tx) {
        PolicySnapshot snapshot = policies.snapshot();
        Long id = tx.attributes().get(RcptPhase.BOUND_POLICY);
        PolicyRules bound = id == null ? null : snapshot.byId(id);
        return bound != null ? bound : RcptPhase.policyFor(snapshot, tx, tx.recipients().get(0).address());
    }
}
