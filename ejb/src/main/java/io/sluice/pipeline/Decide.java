package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.pipeline.MessageLedger.Outcome;

/** Applies the policy's rules to what the scan found; a refusal settles the message here. */
final class Decide implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        m.disposition = Disposition.decide(m.policy.rules(), m.message);
        m.clock.decided();
        if (m.disposition.outcome() == Disposition.Outcome.REJECT) {
            m.settle(Outcome.REJECTED, m.disposition.reply(), null);
        }
    }
}
