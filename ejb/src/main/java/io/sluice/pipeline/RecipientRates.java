package io.sluice.pipeline;

import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.config.Connections;
import io.sluice.limit.RateWindows;

/**
 * RCPT step: messages (counted at a transaction's first recipient) and recipients per real client
 * address and interval. Beyond them: 450 for the message, 452 for the recipient (RFC 5321 §4.5.3.1.10
 * lets a client send the rest later), both temporary.
 */
final class RecipientRates implements PhaseStep<RcptPhase.Rcpt> {

    private final RateWindows messages;
    private final RateWindows recipients;

    RecipientRates() {
        this(new RateWindows(), new RateWindows());
    }

    RecipientRates(RateWindows messages, RateWindows recipients) {
        this.messages = messages;
        this.recipients = recipients;
    }

    @Override
    public Decision apply(RcptPhase.Rcpt r) {
        Connections c = r.limits();
        String address = r.tx().client().address();
        if (r.tx().recipients().isEmpty() && !messages.allow(address, c.messageRate(), c.interval())) {
            return Decision.temporaryFailure(Reply.of(ReplyCode.ACTION_NOT_TAKEN_TEMPORARILY,
                    EnhancedStatus.TEMPORARY_NOT_AUTHORIZED, "Error: too many messages from " + address
                            + "; try again later"));
        }
        if (!recipients.allow(address, c.recipientRate(), c.interval())) {
            return Decision.temporaryFailure(Reply.of(ReplyCode.INSUFFICIENT_STORAGE, EnhancedStatus.TOO_MANY_RECIPIENTS,
                    "Error: too many recipients from " + address + "; try again later"));
        }
        return null;
    }

    void clear() {
        messages.clear();
        recipients.clear();
    }
}
