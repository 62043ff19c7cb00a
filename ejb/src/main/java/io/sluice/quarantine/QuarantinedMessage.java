package io.sluice.quarantine;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** A quarantine entry as the admin API lists it. */
@JsonbPropertyOrder({"queueId", "receivedAt", "clientIp", "sender", "recipients", "subject", "reason", "policy",
        "size", "virus", "spamScore", "state", "releasedAt", "releasedBy", "releaseReply"})
public record QuarantinedMessage(String queueId, Instant receivedAt, String clientIp, String sender,
                                 List<String> recipients, String subject, String reason, String policy, long size,
                                 String virus, Double spamScore, QuarantineState state, Instant releasedAt,
                                 String releasedBy, String releaseReply) {

    public QuarantinedMessage {
        recipients = List.copyOf(recipients);
    }
}
