package io.sluice.api;

import java.io.Serializable;
import java.util.List;

/**
 * How the downstream answered one relayed transaction. The relay is all or nothing: content is only
 * sent once MAIL and every RCPT were accepted, so {@link #finalReply()} is present only then.
 *
 * @param mail           the reply to MAIL
 * @param recipients     the replies to RCPT, in envelope order (fewer when the relay stopped early)
 * @param data           the reply to DATA, or {@code null} when DATA was not sent
 * @param finalReply     the reply after the content, or {@code null} when the content was not sent
 */
public record RelayResult(Reply mail, List<Reply> recipients, Reply data, Reply finalReply) implements Serializable {

    public RelayResult {
        recipients = List.copyOf(recipients);
    }

    /** Whether the downstream took responsibility for the message. */
    public boolean delivered() {
        return finalReply != null && finalReply.isPositive();
    }

    /** The first reply that stopped the transaction, or {@code null} if it was delivered. */
    public Reply refusal() {
        if (!mail.isPositive()) {
            return mail;
        }
        for (Reply r : recipients) {
            if (!r.isPositive()) {
                return r;
            }
        }
        if (data != null && data.code() != ReplyCode.START_MAIL_INPUT) {
            return data;
        }
        return finalReply == null || finalReply.isPositive() ? null : finalReply;
    }

    /** The index of the first refused recipient, or -1. */
    public int refusedRecipient() {
        for (int i = 0; i < recipients.size(); i++) {
            if (!recipients.get(i).isPositive()) {
                return i;
            }
        }
        return -1;
    }
}
