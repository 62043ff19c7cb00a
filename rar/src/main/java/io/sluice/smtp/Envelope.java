package io.sluice.smtp;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.MailParameters;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.smtp.io.ChunkReader;
import io.sluice.smtp.io.Spool;
import io.sluice.smtp.io.TransferDeadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction: from MAIL to the end of data, RSET, a new EHLO or the end of the
 * connection. The session replaces it rather than clearing it; {@link #close()} releases the spool.
 */
public final class Envelope implements AutoCloseable {

    private final String queueId;
    private final String sender;
    private final MailParameters parameters;
    private final Instant startedAt;
    private final List<Recipient> recipients = new ArrayList<>();
    private Attributes attributes = Attributes.NONE;
    private Spool spool;
    private ChunkReader chunks;

    /** @param startedAt when MAIL was accepted */
    Envelope(String queueId, String sender, MailParameters parameters, Instant startedAt) {
        this.queueId = queueId;
        this.sender = sender;
        this.parameters = parameters;
        this.startedAt = startedAt;
    }

    public String queueId() {
        return queueId;
    }

    public String sender() {
        return sender;
    }

    public MailParameters parameters() {
        return parameters;
    }

    public int recipientCount() {
        return recipients.size();
    }

    /** Adds an accepted recipient with what the listener attached to the transaction for it. */
    public void addRecipient(Recipient recipient, Attributes added) {
        recipients.add(recipient);
        addAttributes(added);
    }

    /**
     * What the listener attached to the transaction. A key it has already keeps its value: a fact
     * about the transaction stands once established (the policy of its first recipient, say).
     */
    public void addAttributes(Attributes added) {
        attributes = added.withAll(attributes);
    }

    /** BDAT: the transfer this transaction's chunks go to, or {@code null} before the first. */
    public ChunkReader chunks() {
        return chunks;
    }

    /** The first BDAT chunk: a new spool and the rules its content is held to. */
    public ChunkReader startChunking(SmtpSettings settings) {
        newSpool(settings);
        chunks = new ChunkReader(settings.maxMessageSize(), settings.maxTextLineLength(),
                parameters.isBinary(),
                TransferDeadline.after(settings.ticker(), settings.dataTotalTimeout()));
        return chunks;
    }

    public Spool spool() {
        return spool;
    }

    public Spool newSpool(SmtpSettings settings) {
        close();
        spool = new Spool(settings.spoolThreshold(), settings.spoolDirectory());
        return spool;
    }

    public Transaction snapshot(ClientInfo client) {
        return new Transaction(queueId, client, sender, parameters, recipients, attributes, startedAt);
    }

    @Override
    public void close() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}
