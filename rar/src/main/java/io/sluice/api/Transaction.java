package io.sluice.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One mail transaction as the listener sees it: the queue id assigned at MAIL, the client, the
 * reverse-path with its parameters and the recipients accepted so far. Immutable snapshot.
 *
 * @param queueId        the gateway's queue id for this message, logged on every line about it
 * @param client         the connection the transaction arrived on
 * @param sender         the reverse-path without angle brackets; empty for the null sender {@code <>}
 * @param mailParameters MAIL parameters (upper-cased keys), e.g. SIZE, BODY; SMTPUTF8 has the value {@code null}
 * @param recipients     the recipients accepted so far, in order
 * @param policy         the policy the first accepted recipient brought (see {@link RecipientDecision}),
 *                       or {@code null}
 * @param startedAt      when MAIL was accepted
 */
public record Transaction(String queueId, ClientInfo client, String sender, Map<String, String> mailParameters,
                          List<Recipient> recipients, String policy, Instant startedAt) implements Serializable {

    public Transaction {
        // a keyword without a value (SMTPUTF8) maps to null, which Map.copyOf would not take
        mailParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mailParameters));
        recipients = List.copyOf(recipients);
    }

    public boolean isNullSender() {
        return sender.isEmpty();
    }
}
