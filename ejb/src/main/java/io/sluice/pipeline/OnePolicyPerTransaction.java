package io.sluice.pipeline;

import io.sluice.api.Decision;

import java.util.logging.Logger;

/**
 * RCPT step: a recipient under another policy than the transaction's (bound at its first accepted
 * recipient) is told "452 4.5.3" and the client sends to it in a new transaction, so each
 * transaction has exactly one policy and one verdict, and a message is never delivered to some
 * recipients and refused for others (which would need a bounce).
 */
final class OnePolicyPerTransaction implements PhaseStep<RcptPhase.Rcpt> {

    private static final Logger LOG = Logger.getLogger(OnePolicyPerTransaction.class.getName());

    @Override
    public Decision apply(RcptPhase.Rcpt r) {
        Long bound = r.tx().attributes().get(RcptPhase.BOUND_POLICY);
        if (bound == null || bound == r.policy().id()) {
            return null;
        }
        LOG.fine(() -> r.tx().queueId() + ": <" + r.recipient().address() + "> is under policy " + r.policy()
                + ", not the transaction's " + bound);
        return Decision.temporaryFailure(GatewayReplies.otherPolicy(r.recipient().address()));
    }
}
