package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.pipeline.MessageLedger.Outcome;

/** A message the policy quarantines is accepted once it is stored, and deferred if it cannot be. */
final class Hold implements EndOfDataStep {

    private final QuarantineHold quarantine;

    Hold(QuarantineHold quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void apply(EndOfData m) {
        if (m.disposition.outcome() != Disposition.Outcome.QUARANTINE) {
            return;
        }
        if (quarantine.hold(m, m.reason())) {
            m.settle(Outcome.QUARANTINED, GatewayReplies.queued(m.tx.queueId()), null);
        } else {
            m.settle(Outcome.DEFERRED, GatewayReplies.NOT_STORED, null);
        }
    }
}
