package io.sluice.quarantine;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A quarantine entry as the admin API lists it.
 *
 * @param recipients       every recipient of the transaction, as the client gave them, in order
 * @param releaseStartedAt when the last release began (null when none is under way or undecided)
 * @param releaseReply     what the last release ended with: the mail server's reply, or why it failed
 */
@JsonbPropertyOrder({"queueId", "receivedAt", "clientIp", "sender", "recipients", "subject", "reason", "policy",
        "size", "virus", "spamScore", "state", "releaseStartedAt", "releasedAt", "releasedBy", "releaseReply"})
public record QuarantinedMessage(String queueId, Instant receivedAt, String clientIp, String sender,
                                 List<String> recipients, String subject, String reason, String policy, long size,
                                 String virus, Double spamScore, QuarantineState state, Instant releaseStartedAt,
                                 Instant releasedAt, String releasedBy, String releaseReply) {

    public QuarantinedMessage {
        recipients = List.copyOf(recipients);
    }

    QuarantinedMessage withRecipients(List<String> all) {
        return new QuarantinedMessage(queueId, receivedAt, clientIp, sender, all, subject, reason, policy, size, virus,
                spamScore, state, releaseStartedAt, releasedAt, releasedBy, releaseReply);
    }
}
