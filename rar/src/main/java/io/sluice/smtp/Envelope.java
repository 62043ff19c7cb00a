package io.sluice.smtp;

import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.smtp.io.ChunkReader;
import io.sluice.smtp.io.Spool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One mail transaction: from MAIL to the end of data, RSET, a new EHLO or the end of the
 * connection. The session replaces it rather than clearing it; {@link #close()} releases the spool.
 */
public final class Envelope implements AutoCloseable {

    private final String queueId;
    private final String sender;
    private final Map<String, String> mailParameters;
    private final Instant startedAt = Instant.now();
    private final List<Recipient> recipients = new ArrayList<>();
    private String policy;
    private Spool spool;
    private ChunkReader chunks;

    Envelope(String queueId, String sender, Map<String, String> mailParameters) {
        this.queueId = queueId;
        this.sender = sender;
        this.mailParameters = mailParameters;
    }

    public String queueId() {
        return queueId;
    }

    public String sender() {
        return sender;
    }

    public Map<String, String> mailParameters() {
        return mailParameters;
    }

    public int recipientCount() {
        return recipients.size();
    }

    /** Adds an accepted recipient; the first one's policy becomes the transaction's. */
    public void addRecipient(Recipient recipient, String recipientPolicy) {
        recipients.add(recipient);
        if (recipients.size() == 1) {
            policy = recipientPolicy;
        }
    }

    /** BDAT: the transfer this transaction's chunks go to, or {@code null} before the first. */
    public ChunkReader chunks() {
        return chunks;
    }

    /** The first BDAT chunk: a new spool and the rules its content is held to. */
    public ChunkReader startChunking(SmtpSettings settings) {
        newSpool(settings);
        chunks = new ChunkReader(settings.maxMessageSize(), settings.maxTextLineLength(),
                "BINARYMIME".equalsIgnoreCase(mailParameters.get("BODY")),
                System.nanoTime() + settings.dataTotalTimeout().toNanos());
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
        return new Transaction(queueId, client, sender, mailParameters, recipients, policy, startedAt);
    }

    @Override
    public void close() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}
