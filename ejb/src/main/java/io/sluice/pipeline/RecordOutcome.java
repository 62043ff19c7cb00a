package io.sluice.pipeline;

/** Writes the message to the log, the tracking log and the metrics, whatever became of it. */
final class RecordOutcome implements EndOfDataStep {

    private final MessageLedger ledger;

    RecordOutcome(MessageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void apply(EndOfData m) {
        ledger.record(m.tx, m.message, m.policy, m.disposition, m.outcome(), m.reply(), m.downstream(), m.clock);
    }
}
