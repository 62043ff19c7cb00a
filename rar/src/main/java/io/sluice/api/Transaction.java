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
 * @param mail           the MAIL parameters, typed
 * @param recipients     the recipients accepted so far, in order
 * @param attributes     what the listener attached to the transaction at MAIL and RCPT
 * @param startedAt      when MAIL was accepted
 */
public record Transaction(String queueId, ClientInfo client, String sender, MailParameters mail,
                          List<Recipient> recipients, Attributes attributes, Instant startedAt) implements Serializable {

    public Transaction {
        java.util.Objects.requireNonNull(mail, "mail");
        java.util.Objects.requireNonNull(attributes, "attributes");
        recipients = List.copyOf(recipients);
    }

    /** With the MAIL parameters as keyword-to-value text (see {@link MailParameters#fromMap}). */
    public Transaction(String queueId, ClientInfo client, String sender, Map<String, String> mailParameters,
                       List<Recipient> recipients, Attributes attributes, Instant startedAt) {
        this(queueId, client, sender, MailParameters.fromMap(mailParameters), recipients, attributes, startedAt);
    }

    /** The MAIL parameters as keyword to value (SMTPUTF8 maps to {@code null}), for logs and stored text. */
    public Map<String, String> mailParameters() {
        return mail.asMap();
    }

    public boolean isNullSender() {
        return sender.isEmpty();
    }
}
