package io.sluice.tracking;

import io.sluice.persistence.Where;
import io.sluice.security.Scope;

import java.time.Instant;
import java.util.Locale;

/**
 * A search of the tracking log; every filter is optional. The sender matches by substring ignoring
 * case, the recipient exactly (one of the message's recipients), the others exactly. The scope keeps a
 * domain administrator to the transactions with a recipient in their domains.
 */
public record TrackingQuery(String queueId, String sender, String recipient, String clientIp, String outcome,
                            String verdict, String policy, CheckFilter checks, Instant from, Instant until, Scope scope) {

    public TrackingQuery {
        checks = checks == null ? CheckFilter.ANY : checks;
        scope = scope == null ? Scope.EVERYTHING : scope;
    }

    Where where() {
        return checks.addTo(new Where())
                .equal("queue_id", queueId)
                .contains("sender", sender)
                .condition("queue_id IN (SELECT queue_id FROM message_log_recipient WHERE address = ?)",
                        recipient == null || recipient.isBlank() ? null : recipient.trim().toLowerCase(Locale.ROOT))
                .condition(scope.everything() ? null : "queue_id IN (SELECT queue_id FROM message_log_recipient WHERE "
                        + scope.condition("address") + ")", scope.values())
                .equal("client_ip", clientIp)
                .equal("outcome", outcome == null ? null : outcome.toUpperCase(Locale.ROOT))
                .equal("verdict", verdict == null ? null : verdict.toLowerCase(Locale.ROOT))
                .equal("policy", policy)
                .atOrAfter("received_at", from)
                .before("received_at", until);
    }
}
