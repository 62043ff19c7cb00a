package io.sluice.quarantine;

import io.sluice.persistence.Where;
import io.sluice.security.Scope;

import java.time.Instant;

/**
 * A search of the quarantine; every filter is optional. Sender, subject, reason and policy match
 * by substring ignoring case; the recipient matches one of the message's recipients, ignoring case.
 * The scope is never optional: it keeps a domain administrator or a mailbox owner to their own mail.
 *
 * @param from  received at or after
 * @param until received before
 */
public record QuarantineQuery(String sender, String recipient, String subject, String reason, String policy,
                              QuarantineState state, Instant from, Instant until, Scope scope) {

    public static final QuarantineQuery ALL = new QuarantineQuery(null, null, null, null, null, null, null, null);

    public QuarantineQuery {
        scope = scope == null ? Scope.EVERYTHING : scope;
    }

    /** Over everything. */
    public QuarantineQuery(String sender, String recipient, String subject, String reason, String policy,
                           QuarantineState state, Instant from, Instant until) {
        this(sender, recipient, subject, reason, policy, state, from, until, Scope.EVERYTHING);
    }

    /** The same filters, only held messages. */
    QuarantineQuery held() {
        return new QuarantineQuery(sender, recipient, subject, reason, policy, QuarantineState.HELD, from, until, scope);
    }

    Where where() {
        return new Where()
                .contains("sender", sender)
                .condition("queue_id IN (SELECT queue_id FROM quarantine_recipient WHERE lower_address = ?)",
                        recipient == null || recipient.isBlank() ? null : QuarantineStore.normalized(recipient.trim()))
                .condition(scope.everything() ? null : "queue_id IN (SELECT queue_id FROM quarantine_recipient WHERE "
                        + scope.condition("lower_address") + ")", scope.values())
                .contains("subject", subject)
                .contains("reason", reason)
                .contains("policy", policy)
                .equal("state", state == null ? null : state.name())
                .atOrAfter("received_at", from)
                .before("received_at", until);
    }
}
