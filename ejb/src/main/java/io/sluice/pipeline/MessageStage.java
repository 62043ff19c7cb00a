package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.action.HeaderEditor;
import io.sluice.action.MessageRewriter;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.notify.Notice;
import io.sluice.notify.Notifier;
import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.pipeline.MessageRelay.Relayed;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.PolicySnapshot;
import io.sluice.quarantine.HeldMessage;
import io.sluice.quarantine.QuarantineStore;
import io.sluice.scan.MessageHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * End of data: scans the message, applies the transaction's policy (bound at the first accepted
 * RCPT) and carries out what it says before answering: refuse, drop, quarantine (committed to the
 * database first) or deliver, changed as the policy says, with archive copies relayed first and
 * notifications sent afterwards in the background. A client hears 250 only when the message is
 * safe: relayed downstream, or stored in quarantine, or deliberately dropped.
 */
@ApplicationScoped
public class MessageStage {

    private static final Logger LOG = Logger.getLogger(MessageStage.class.getName());
    static final Reply HEADER_TOO_LARGE = Reply.of(ReplyCode.EXCEEDED_STORAGE, EnhancedStatus.MESSAGE_TOO_BIG,
            "Error: message header section too large");
    static final Reply NOT_SCANNED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be scanned now, try again later");
    static final Reply NOT_STORED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be stored now, try again later");
    static final Reply NOT_REWRITTEN = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be processed now, try again later");

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

    public Reply handle(Transaction tx, MessageContent content) {
        StageClock clock = new StageClock();
        PolicyRules policy = policyOf(tx);
        ReceivedMessage message = new ReceivedMessage(tx, content);
        try {
            message.attach(scanner.scan(tx, message));
            clock.scanned();
        } catch (ContentScanner.EngineUnavailable | IOException e) {
            LOG.warning(() -> tx.queueId() + ": not scanned: " + e.getMessage());
            ledger.record(tx, message, policy, null, Outcome.DEFERRED, NOT_SCANNED, null, clock);
            return NOT_SCANNED;
        }
        Disposition d = Disposition.decide(policy.rules(), message);
        clock.decided();
        RuntimeSettings s = settings.current();
        byte[] prefix = concat(TraceHeaders.build(tx, ZonedDateTime.now()), VerdictHeaders.build(s, message.scan(), policy));
        if (d.outcome() == Disposition.Outcome.REJECT) {
            return finish(tx, message, policy, d, Outcome.REJECTED, d.reply(), null, clock);
        }
        Relayed archived = archive(tx, d, RelayedMessage.unchanged(prefix, message.content()), clock);
        if (archived != null) {
            return finish(tx, message, policy, d, Outcome.DEFERRED, archived.reply(), "archive: " + archived.downstream(),
                    clock);
        }
        return switch (d.outcome()) {
            case DROP -> finish(tx, message, policy, d, Outcome.DROPPED, GatewayReplies.queued(tx.queueId()), null, clock);
            case QUARANTINE -> hold(tx, message, policy, RelayedMessage.unchanged(prefix, message.content()),
                    reason(d, message, policy))
                    ? finish(tx, message, policy, d, Outcome.QUARANTINED, GatewayReplies.queued(tx.queueId()), null, clock)
                    : finish(tx, message, policy, d, Outcome.DEFERRED, NOT_STORED, null, clock);
            default -> deliver(tx, message, policy, d, prefix, s, clock);
        };
    }

    private Reply deliver(Transaction tx, ReceivedMessage message, PolicyRules policy, Disposition d, byte[] prefix,
                          RuntimeSettings s, StageClock clock) {
        List<ActionSpec> edits = new ArrayList<>();
        for (String name : VerdictHeaders.names(s)) {
            if (!message.headerValues(name).isEmpty()) { // forged by the sender: ours are the only ones
                edits.add(new ActionSpec(ActionType.REMOVE_HEADER, null, null, null, name, null, null, null, null));
            }
        }
        RewrittenBody rewritten = null;
        boolean held = false;
        try {
            if (d.rewritesBody()) {
                try {
                    rewritten = RewrittenBody.of(message.content(), new MessageRewriter(d.strips(), d.disclaimers(),
                            name -> notice(name, tx.queueId())));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, tx.queueId() + ": cannot rewrite the message", e);
                    return finish(tx, message, policy, d, Outcome.DEFERRED, NOT_REWRITTEN, null, clock);
                }
                MessageRewriter.Rewrite r = rewritten.rewrite();
                if (!r.untouched().isEmpty()) {
                    edits.add(new ActionSpec(ActionType.ADD_HEADER, null, null, null, s.header("Sluice-Unmodified"),
                            String.join(", ", r.untouched()) + " (signed or encrypted: left as it was)", null, null,
                            null));
                }
                if (!r.stripped().isEmpty()) {
                    held = hold(tx, message, policy, RelayedMessage.unchanged(prefix, message.content()),
                            "attachment stripped: " + String.join(", ", r.stripped()));
                    if (!held) {
                        return finish(tx, message, policy, d, Outcome.DEFERRED, NOT_STORED, null, clock);
                    }
                }
            }
            MessageContent body = rewritten != null && rewritten.rewrite().changed() ? rewritten : message.content();
            MessageHeaders headers = body == message.content() ? message.headers() : new MessageHeaders(body);
            edits.addAll(d.edits());
            MessageSource out;
            if (edits.isEmpty()) {
                out = RelayedMessage.unchanged(prefix, body);
            } else {
                if (!headers.section().complete()) {
                    return finish(tx, message, policy, d, Outcome.REJECTED, HEADER_TOO_LARGE, null, clock);
                }
                HeaderEditor.apply(headers.parsed(), edits);
                out = RelayedMessage.withHeader(prefix, serialize(headers), headers.section().bodyOffset(), body);
            }
            List<String> recipients = d.redirect() != null ? List.of(d.redirect())
                    : tx.recipients().stream().map(Recipient::address).toList();
            clock.relaying();
            Relayed r = relay.relay(tx, recipients, out);
            clock.relayed();
            if (!r.delivered() && held) {
                quarantine.delete(tx.queueId()); // the client keeps the message and sends it again
            }
            return finish(tx, message, policy, d, r.delivered() ? Outcome.DELIVERED
                    : r.reply().isTransientFailure() ? Outcome.DEFERRED : Outcome.REJECTED, r.reply(), r.downstream(), clock);
        } finally {
            if (rewritten != null) {
                try {
                    rewritten.close();
                } catch (IOException e) {
                    LOG.warning(() -> tx.queueId() + ": cannot delete the rewritten copy: " + e.getMessage());
                }
            }
        }
    }

    /** Relays the message as received to the archive addresses; returns the failure, or null. */
    private Relayed archive(Transaction tx, Disposition d, MessageSource asReceived, StageClock clock) {
        if (d.archives().isEmpty()) {
            return null;
        }
        clock.relaying();
        Relayed r = relay.relay(tx, d.archives(), asReceived);
        clock.relayed();
        if (r.delivered()) {
            LOG.info(() -> tx.queueId() + ": archive copy to " + d.archives() + " sent (" + r.downstream() + ")");
            return null;
        }
        // a refused archive copy is the gateway's problem, not the sender's: the client tries again later
        return r.reply().isTransientFailure() ? r : new Relayed(GatewayReplies.DOWNSTREAM_FAILED, false, r.downstream());
    }

    /** Commits the message to the quarantine; false if it could not be stored. */
    private boolean hold(Transaction tx, ReceivedMessage message, PolicyRules policy, MessageSource asReceived,
                         String reason) {
        try {
            quarantine.hold(new HeldMessage(tx.queueId(), tx.startedAt(), tx.client().address(), tx.sender(),
                    tx.recipients().stream().map(Recipient::address).toList(), subject(message), reason, policy.name(),
                    tx.mail().body() == null ? null : tx.mail().body().keyword(), message.viruses().isEmpty() ? null
                    : String.join(",", message.viruses()), scored(message)), asReceived);
            LOG.info(() -> tx.queueId() + ": held in quarantine (" + reason + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, tx.queueId() + ": cannot store the message in quarantine", e);
            return false;
        }
    }

    /** Accounts for the message and sends its notifications once the answer is settled. */
    private Reply finish(Transaction tx, ReceivedMessage message, PolicyRules policy, Disposition d, Outcome outcome,
                         Reply reply, String downstream, StageClock clock) {
        ledger.record(tx, message, policy, d, outcome, reply, downstream, clock);
        if (outcome != Outcome.DEFERRED && !d.notifications().isEmpty()) {
            notifier.notify(d.notifications(), new Notice(tx.queueId(), tx.sender(),
                    tx.recipients().stream().map(Recipient::address).toList(), subject(message), message.viruses(),
                    message.spamScore(), policy.name(), outcome.name().toLowerCase(Locale.ROOT),
                    reason(d, message, policy), tx.client().serverName()), outcome == Outcome.QUARANTINED);
        }
        return reply;
    }

    /** Why the policy did what it did, in words: the rules that matched and the verdict. */
    private static String reason(Disposition d, ReceivedMessage message, PolicyRules policy) {
        return (d.rules().isEmpty() ? "" : String.join(", ", d.rules()) + ": ")
                + VerdictHeaders.summary(message.scan(), policy);
    }

    private static String subject(ReceivedMessage message) {
        try {
            return message.headers().subject();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Double scored(ReceivedMessage message) {
        double score = message.spamScore();
        return Double.isNaN(score) ? null : score;
    }

    private static String notice(String fileName, String queueId) {
        return "The attachment \"" + fileName + "\" was removed from this message by the mail gateway's policy.\r\n"
                + "The original message is kept in quarantine as " + queueId
                + "; ask your administrator if you need it.\r\n";
    }

    private static byte[] serialize(MessageHeaders headers) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(headers.section().raw().length + 256);
        for (Enumeration<String> lines = headers.parsed().getAllHeaderLines(); lines.hasMoreElements(); ) {
            b.writeBytes(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            b.writeBytes(CRLF);
        }
        b.writeBytes(CRLF);
        return b.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The bound policy; if it was deleted meanwhile, whatever applies to the first recipient now. */
    private PolicyRules policyOf(Transaction tx) {
        PolicySnapshot snapshot = policies.snapshot();
        PolicyRules bound = tx.policy() == null ? null : snapshot.byId(Long.parseLong(tx.policy()));
        return bound != null ? bound : RecipientStage.policyFor(snapshot, tx, tx.recipients().get(0).address());
    }
}
