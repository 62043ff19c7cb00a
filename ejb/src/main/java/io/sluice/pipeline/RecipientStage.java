package io.sluice.pipeline;

import io.sluice.api.Recipient;
import io.sluice.api.Attributes;
import io.sluice.api.Decision;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.PolicySnapshot;
import io.sluice.tracking.MessageCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * RCPT: finds the recipient's policy and binds the transaction to the first accepted recipient's
 * policy. A recipient under another policy is told "452 4.5.3" and the client sends to it in a
 * new transaction, so each transaction has exactly one policy and one verdict, and a message is
 * never delivered to some recipients and refused for others (which would need a bounce).
 * Then the downstream verifies the recipient.
 */
@ApplicationScoped
public class RecipientStage {

    /** The transaction's policy: its id, bound at the first accepted recipient and carried by the engine. */
    static final Attributes.Key<Long> BOUND_POLICY = Attributes.Key.of("sluice.policy", Long.class);

    private static final Logger LOG = Logger.getLogger(RecipientStage.class.getName());

    @Inject
    PolicyCache policies;

    @Inject
    RecipientVerifier verifier;

    @Inject
    MessageCounters counters;

    @Inject
    ConnectionGuard guard;

    public Decision check(Transaction tx, Recipient recipient) {
        PolicyRules policy = policyFor(policies.snapshot(), tx, recipient.address());
        Long bound = tx.attributes().get(BOUND_POLICY);
        Reply reply;
        Reply overRate = guard.recipient(tx);
        if (overRate != null) {
            reply = overRate;
        } else if (bound != null && bound != policy.id()) {
            reply = GatewayReplies.otherPolicy(recipient.address());
            LOG.fine(() -> tx.queueId() + ": <" + recipient.address() + "> is under policy " + policy
                    + ", not the transaction's " + bound);
        } else {
            reply = verifier.verify(tx, recipient.address());
        }
        counters.recipient(reply);
        if (!reply.isPositive() && reply.code() != ReplyCode.INSUFFICIENT_STORAGE) {
            LOG.info(() -> tx.queueId() + ": recipient <" + recipient.address() + "> from=<" + tx.sender()
                    + "> client=" + tx.client().address() + " refused: " + reply);
        }
        return reply.isPositive() ? new Decision.Accept(reply, Attributes.of(BOUND_POLICY, policy.id()))
                : Decision.of(reply);
    }

    /**
     * The recipient's policy, in the transaction's direction: outbound when the client
     * authenticated or connects from an internal network, whatever the sender address says.
     */
    static PolicyRules policyFor(PolicySnapshot snapshot, Transaction tx, String recipient) {
        boolean outbound = snapshot.isOutbound(tx.client().address(), tx.client().authenticated());
        return snapshot.resolve(tx.sender(), recipient, outbound);
    }

}
