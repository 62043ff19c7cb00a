package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.policy.PolicyRules;
import io.sluice.scan.ScanResult;
import io.sluice.tracking.GatewayMetrics;
import io.sluice.tracking.MailLog;
import io.sluice.tracking.MessageCounters;
import io.sluice.tracking.TrackingLog;
import io.sluice.tracking.TrackingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Accounts for every message that reached the end of data, whatever became of it: one log line
 * and a tracking-log row (both written in the background), the counters and the metrics.
 */
@ApplicationScoped
public class MessageLedger {

    private static final Logger LOG = Logger.getLogger(MessageLedger.class.getName());

    /** What became of a message. */
    enum Outcome { DELIVERED, REJECTED, DROPPED, QUARANTINED, DEFERRED }

    @Inject
    MessageCounters counters;

    @Inject
    GatewayMetrics metrics;

    @Inject
    TrackingLog tracking;

    @Inject
    MailLog mailLog;

    /**
     * @param d          the policy's disposition, or {@code null} when the message was not scanned
     * @param downstream what the downstream said about it, or {@code null} if it was not relayed
     */
    void record(Transaction tx, ReceivedMessage message, PolicyRules policy, Disposition d, Outcome outcome,
                Reply reply, String downstream, StageClock clock) {
        counters.message(reply, message.size());
        String verdict = VerdictHeaders.of(message.scan(), policy).word();
        Duration total = clock.total();
        metrics.message(outcome.name(), verdict, message.size());
        if (clock.scan() != null) {
            metrics.stage("scan", clock.scan());
        }
        if (clock.relay() != null) {
            metrics.stage("relay", clock.relay());
        }
        if (clock.authentication() != null) {
            metrics.stage("authentication", clock.authentication());
        }
        if (clock.dnsLists() != null) {
            metrics.stage("dnsbl", clock.dnsLists());
        }
        metrics.stage("total", total);
        List<String> recipients = tx.recipients().stream().map(Recipient::address).toList();
        String actions = d == null ? null : d.actions().stream().map(Enum::name).collect(Collectors.joining(","));
        ScanResult scan = message.scan();
        long size = message.size();
        // built on the log's thread, from values that do not change any more
        mailLog.info(LOG, MessageLedger.class, () -> tx.queueId() + ": from=<" + tx.sender() + "> to=" + recipients + " size=" + size
                + " client=" + tx.client().address() + " policy=" + policy.name()
                + (d == null || d.rules().isEmpty() ? "" : " " + d.rules()) + " verdict="
                + (scan == null ? "unscanned" : VerdictHeaders.summary(scan, policy)) + " "
                + outcome.name().toLowerCase(java.util.Locale.ROOT) + (downstream == null ? "" : " (" + downstream + ")")
                + " reply=\"" + reply + "\" " + total.toNanos() / 1000 / 1000.0 + "ms");
        tracking.record(new TrackingRecord(tx.queueId(), clock.receivedAt, clock.decidedAt(), clock.relayedAt(),
                tx.client().address(), tx.client().helo(), tx.client().tls(), tx.client().authUser(), tx.sender(), recipients, message.size(),
                message.viruses(), message.scan() == null || message.scan().spam() == null ? null
                : message.scan().spam().score(),
                message.scan() == null || message.scan().spam() == null ? null : message.scan().spam().symbolList(),
                verdict, policy.name(), actions, outcome.name(), reply.toString(), downstream,
                millis(clock.scan()), millis(clock.relay()), millis(total), message.spf(),
                message.listings().isEmpty() ? null
                        : message.listings().stream().map(Object::toString).collect(Collectors.joining("; ")),
                message.trackedDkim(), message.trackedDmarc(), message.greylist()));
    }

    private static Double millis(Duration d) {
        return d == null ? null : d.toNanos() / 1_000_000.0;
    }
}
