package io.sluice.pipeline;

import io.sluice.policy.ActionSpec;

/** Verdict header fields that arrived with the message were forged by the sender: ours are the only ones. */
final class ForgedVerdicts implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        for (String name : VerdictHeaders.names(m.settings)) {
            if (!m.message.headerValues(name).isEmpty()) {
                m.headerEdits.add(ActionSpec.removeHeader(name));
            }
        }
    }
}
