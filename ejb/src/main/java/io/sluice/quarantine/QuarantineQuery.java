package io.sluice.quarantine;

import io.sluice.persistence.Where;

import java.time.Instant;

/**
 * A search of the quarantine; every filter is optional. Sender, subject, reason and policy match
 * by substring ignoring case; the recipient matches one of the message's recipients, ignoring case.
 *
 * @param from  received at or after
 * @param until received before
 */
public record QuarantineQuery(String sender, String recipient, String subject, String reason, String policy,
                              QuarantineState state, Instant from, Instant until) {

    public static final QuarantineQuery ALL = new QuarantineQuery(null, null, null, null, null, null, null, null);

    Where where() {
        return new Where()
                .contains("sender", sender)
                .condition("queue_id IN (SELECT queue_id FROM quarantine_recipient WHERE lower_address = ?)",
                        recipient == null || recipient.isBlank() ? null : QuarantineStore.normalized(recipient.trim()))
                .contains("subject", subject)
                .contains("reason", reason)
                .contains("policy", policy)
                .equal("state", state == null ? null : state.name())
                .atOrAfter("received_at", from)
                .before("received_at", until);
    }
}
