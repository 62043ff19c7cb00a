package io.sluice.quarantine;

import io.sluice.security.Scope;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A quarantine entry as the admin API lists it.
 *
 * @param recipients       every recipient of the transaction, as the client gave them, in order
 * @param releasedRecipients those of them the message was released to one by one (by their mailbox
 *                         owner, a digest link or a domain administrator), while it stays held for the others
 * @param releaseStartedAt when the last release began (null when none is under way or undecided)
 * @param releaseReply     what the last release ended with: the mail server's reply, or why it failed
 */
@JsonbPropertyOrder({"queueId", "receivedAt", "clientIp", "sender", "recipients", "subject", "reason", "policy",
        "size", "virus", "spamScore", "state", "releaseStartedAt", "releasedAt", "releasedBy", "releaseReply", "releasedRecipients"})
public record QuarantinedMessage(String queueId, Instant receivedAt, String clientIp, String sender,
                                 List<String> recipients, String subject, String reason, String policy, long size,
                                 String virus, Double spamScore, QuarantineState state, Instant releaseStartedAt,
                                 Instant releasedAt, String releasedBy, String releaseReply,
                                 List<String> releasedRecipients) {

    public QuarantinedMessage {
        recipients = List.copyOf(recipients);
        releasedRecipients = List.copyOf(releasedRecipients);
    }

    QuarantinedMessage withRecipients(List<String> all, List<String> released) {
        return new QuarantinedMessage(queueId, receivedAt, clientIp, sender, all, subject, reason, policy, size, virus,
                spamScore, state, releaseStartedAt, releasedAt, releasedBy, releaseReply, released);
    }

    /**
     * The entry as a caller with this scope may see it: only the recipients within the scope (an
     * envelope recipient may be a blind copy, never to be shown to another), and RELEASED once it
     * went to all of those, although it is still held for others.
     */
    public QuarantinedMessage narrowedTo(Scope scope) {
        if (scope.everything()) {
            return this;
        }
        List<String> mine = recipients.stream().filter(scope::covers).toList();
        List<String> mineReleased = releasedRecipients.stream().filter(scope::covers).toList();
        boolean allMineReleased = !mine.isEmpty() && mineReleased.size() == mine.size();
        return new QuarantinedMessage(queueId, receivedAt, clientIp, sender, mine, subject, reason, policy, size, virus,
                spamScore, allMineReleased ? QuarantineState.RELEASED : state, releaseStartedAt, releasedAt,
                allMineReleased ? releasedBy : null, releaseReply, mineReleased);
    }

    /** The recipients within the scope the message has not been released to yet, in order. */
    public List<String> unreleasedWithin(Scope scope) {
        return recipients.stream().filter(scope::covers).filter(r -> !releasedRecipients.contains(r)).toList();
    }
}
