package io.sluice.pipeline;

import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.mailbox.SenderLists;

/**
 * RCPT step: the recipient's own sender lists. A sender the recipient blocks is refused for that
 * recipient with 550 5.7.1. A sender the recipient allows skips the spam checks, which are made
 * once per message, so a transaction holds either only recipients that allow the sender or only
 * ones that do not: a recipient that differs from the first accepted one gets 452 4.5.3 and the
 * client sends to it in a new transaction (as for a recipient under another policy).
 */
final class PersonalSenderLists implements PhaseStep<RcptPhase.Rcpt> {

    @Override
    public Decision apply(RcptPhase.Rcpt r) {
        if (r.personal() == SenderLists.Kind.BLOCK) {
            return Decision.reject(Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.POLICY_REFUSED, "Error: <"
                    + r.recipient().address() + "> does not take mail from <" + r.tx().sender() + ">"));
        }
        Boolean bound = r.tx().attributes().get(RcptPhase.SENDER_ALLOWED);
        boolean allowed = r.personal() == SenderLists.Kind.ALLOW;
        if (bound == null || bound == allowed) {
            return null;
        }
        return Decision.temporaryFailure(Reply.of(ReplyCode.INSUFFICIENT_STORAGE, EnhancedStatus.TOO_MANY_RECIPIENTS,
                "Error: <" + r.recipient().address() + "> " + (allowed ? "allows" : "does not allow") + " this sender, "
                        + "unlike the other recipients; send to it in a new transaction"));
    }
}
