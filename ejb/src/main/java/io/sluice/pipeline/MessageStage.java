package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.action.HeaderEditor;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.PolicySnapshot;
import io.sluice.tracking.MessageCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

/**
 * End of data: applies the transaction's policy (bound at the first accepted RCPT) to the message
 * and carries out the result: refuse it, drop it, or relay it (changed as the policy says) and
 * answer with the downstream's verdict.
 */
@ApplicationScoped
public class MessageStage {

    private static final Logger LOG = Logger.getLogger(MessageStage.class.getName());
    static final Reply HEADER_TOO_LARGE = Reply.of(ReplyCode.EXCEEDED_STORAGE, EnhancedStatus.MESSAGE_TOO_BIG,
            "Error: message header section too large");
    static final Reply ACTION_UNAVAILABLE = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the policy asks for an action this gateway cannot carry out now, try again later");

    @Inject
    PolicyCache policies;

    @Inject
    MessageRelay relay;

    @Inject
    MessageCounters counters;

    @Inject
    ContentScanner scanner;

    @Inject
    SettingsCache settings;

    public Reply handle(Transaction tx, MessageContent content) {
        PolicyRules policy = policyOf(tx);
        ReceivedMessage message = new ReceivedMessage(tx, content);
        try {
            message.attach(scanner.scan(tx, message));
        } catch (ContentScanner.EngineUnavailable e) {
            return unscanned(tx, message, policy, e.getMessage());
        } catch (IOException e) {
            return unscanned(tx, message, policy, "cannot read the spooled message: " + e.getMessage());
        }
        Disposition d = Disposition.decide(policy.rules(), message);
        if (!d.notCarried().isEmpty()) {
            LOG.warning(() -> tx.queueId() + ": policy " + policy.name() + " asks for " + d.notCarried().stream()
                    .map(a -> a.type().name()).toList() + ", which this gateway does not carry out yet");
        }
        return switch (d.outcome()) {
            case REJECT -> decided(tx, message, policy, d, d.reply(), "rejected");
            case DROP -> decided(tx, message, policy, d, GatewayReplies.queued(tx.queueId()), "dropped");
            case UNAVAILABLE -> decided(tx, message, policy, d, ACTION_UNAVAILABLE, "deferred");
            case DELIVER -> deliver(tx, policy, d, message);
        };
    }

    private Reply deliver(Transaction tx, PolicyRules policy, Disposition d, ReceivedMessage message) {
        RuntimeSettings s = settings.current();
        byte[] prefix = concat(TraceHeaders.build(tx, ZonedDateTime.now()), VerdictHeaders.build(s, message.scan(), policy));
        List<ActionSpec> edits = new ArrayList<>();
        for (String name : VerdictHeaders.names(s)) {
            if (!message.headerValues(name).isEmpty()) { // forged by the sender: ours are the only ones
                edits.add(new ActionSpec(ActionType.REMOVE_HEADER, null, null, null, name, null, null, null, null));
            }
        }
        edits.addAll(d.edits());
        RelayedMessage out;
        if (edits.isEmpty()) {
            out = RelayedMessage.unchanged(prefix, message.content());
        } else {
            if (!message.headers().section().complete()) {
                return decided(tx, message, policy, d, HEADER_TOO_LARGE, "rejected");
            }
            HeaderEditor.apply(message.headers().parsed(), edits);
            out = RelayedMessage.withHeader(prefix, serialize(message), message.headers().section().bodyOffset(),
                    message.content());
        }
        List<String> recipients = d.redirect() != null ? List.of(d.redirect())
                : tx.recipients().stream().map(Recipient::address).toList();
        return relay.relay(tx, recipients, out, policy.name() + (d.rules().isEmpty() ? "" : " " + d.rules())
                + " verdict=" + VerdictHeaders.summary(message.scan(), policy));
    }

    private static byte[] serialize(ReceivedMessage message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(message.headers().section().raw().length + 256);
        for (Enumeration<String> lines = message.headers().parsed().getAllHeaderLines(); lines.hasMoreElements(); ) {
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

    /** An engine the message must pass through failed: the client tries again later. */
    private Reply unscanned(Transaction tx, ReceivedMessage message, PolicyRules policy, String why) {
        Reply reply = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
                "Error: the message could not be scanned now, try again later");
        counters.message(reply, message.size());
        LOG.warning(() -> tx.queueId() + ": from=<" + tx.sender() + "> size=" + message.size() + " policy="
                + policy.name() + " deferred: " + why);
        return reply;
    }

    /** A message the policy decided about without relaying it: counted and logged like a relayed one. */
    private Reply decided(Transaction tx, ReceivedMessage message, PolicyRules policy, Disposition d, Reply reply,
                          String what) {
        counters.message(reply, message.size());
        LOG.info(() -> tx.queueId() + ": from=<" + tx.sender() + "> to=" + tx.recipients().stream()
                .map(Recipient::address).toList() + " size=" + message.size() + " client=" + tx.client().address()
                + " policy=" + policy.name() + " " + d.rules() + " verdict=" + VerdictHeaders.summary(message.scan(), policy)
                + " " + what + " reply=\"" + reply + "\"");
        return reply;
    }

    /** The bound policy; if it was deleted meanwhile, whatever applies to the first recipient now. */
    private PolicyRules policyOf(Transaction tx) {
        PolicySnapshot snapshot = policies.snapshot();
        PolicyRules bound = tx.policy() == null ? null : snapshot.byId(Long.parseLong(tx.policy()));
        return bound != null ? bound : snapshot.resolve(tx.sender(), tx.recipients().get(0).address(), false);
    }
}
