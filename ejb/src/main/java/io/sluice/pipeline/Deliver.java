package io.sluice.pipeline;

import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.pipeline.MessageRelay.Relayed;

import java.util.List;

/**
 * Relays the copy to the mail server, to the envelope's recipients or the policy's redirect
 * address, and answers the client with what the mail server said. If it did not take the copy,
 * an original held in quarantine for it is taken out again: the client keeps the message.
 */
final class Deliver implements EndOfDataStep {

    private final MessageRelay relay;
    private final QuarantineHold quarantine;

    Deliver(MessageRelay relay, QuarantineHold quarantine) {
        this.relay = relay;
        this.quarantine = quarantine;
    }

    @Override
    public void apply(EndOfData m) {
        String redirect = m.disposition.redirect();
        List<String> recipients = redirect != null ? List.of(redirect) : m.recipients();
        m.clock.relaying();
        Relayed r = relay.relay(m.tx, recipients, m.outgoing, m.takeDownstream());
        m.clock.relayed();
        if (!r.delivered() && m.originalHeld) {
            quarantine.undo(m);
        }
        m.settle(r.delivered() ? Outcome.DELIVERED : r.reply().isTransientFailure() ? Outcome.DEFERRED : Outcome.REJECTED,
                r.reply(), r.downstream());
    }
}
