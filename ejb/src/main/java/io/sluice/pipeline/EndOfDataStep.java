package io.sluice.pipeline;

/**
 * One step at the end of data. It reads what the steps before it left in the message, adds its
 * own part, and may settle the message ({@link EndOfData#settle}), which ends the steps.
 */
interface EndOfDataStep {

    void apply(EndOfData m);
}
