package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.pipeline.MessageLedger.Outcome;

/** A message the policy drops is accepted and goes nowhere (its archive copies have left). */
final class Drop implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        if (m.disposition.outcome() == Disposition.Outcome.DROP) {
            m.settle(Outcome.DROPPED, GatewayReplies.queued(m.tx.queueId()), null);
        }
    }
}
