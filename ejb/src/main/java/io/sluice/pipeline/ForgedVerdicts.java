package io.sluice.pipeline;

import io.sluice.authresults.AuthenticationResults;
import io.sluice.policy.ActionSpec;

/**
 * Verdict header fields that arrived with the message were forged by the sender: ours are the only
 * ones. So are Authentication-Results fields with the gateway's authserv-id (RFC 8601 §5); those
 * of other hosts stay.
 */
final class ForgedVerdicts implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        for (String name : VerdictHeaders.names(m.settings)) {
            if (!m.message.headerValues(name).isEmpty()) {
                m.headerEdits.add(ActionSpec.removeHeader(name));
            }
        }
        for (String value : m.message.headerValues(AuthenticationResults.NAME)) {
            if (AuthenticationResults.isOwn(AuthenticationResults.NAME + ":" + value, m.authResults.authservId())) {
                m.forgedAuthResults = true;
            }
        }
    }
}
