package io.sluice.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * What is stored with a message put in quarantine, besides its octets.
 *
 * @param bodyType  the client's MAIL BODY parameter (e.g. 8BITMIME), passed on at release; or {@code null}
 * @param virus     the viruses found, comma separated, or {@code null}
 * @param spamScore the spam score, or {@code null} when not scored
 */
public record HeldMessage(String queueId, Instant receivedAt, String clientIp, String sender, List<String> recipients,
                          String subject, String reason, String policy, String bodyType, String virus,
                          Double spamScore) {

    public HeldMessage {
        recipients = List.copyOf(recipients);
    }
}
