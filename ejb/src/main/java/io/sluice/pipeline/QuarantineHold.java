package io.sluice.pipeline;

import io.sluice.quarantine.HeldMessage;
import io.sluice.quarantine.QuarantineStore;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Commits the message as received (with the gateway's header fields in front) to the quarantine. */
final class QuarantineHold {

    private static final Logger LOG = Logger.getLogger(QuarantineHold.class.getName());

    private final QuarantineStore store;

    QuarantineHold(QuarantineStore store) {
        this.store = store;
    }

    /** False if it could not be stored: the caller defers the message. */
    boolean hold(EndOfData m, String reason) {
        double score = m.message.spamScore();
        try {
            store.hold(new HeldMessage(m.tx.queueId(), m.tx.startedAt(), m.tx.client().address(), m.tx.sender(),
                    m.recipients(), m.subject(), reason, m.policy.name(), m.tx.mail().body() == null ? null : m.tx.mail().body().keyword(),
                    m.message.viruses().isEmpty() ? null : String.join(",", m.message.viruses()),
                    Double.isNaN(score) ? null : score), RelayedMessage.unchanged(m.prefix, m.message.content()));
            LOG.info(() -> m.tx.queueId() + ": held in quarantine (" + reason + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, m.tx.queueId() + ": cannot store the message in quarantine", e);
            return false;
        }
    }

    /** Takes a held original back out: the changed copy was not delivered, so the client keeps the message. */
    void undo(EndOfData m) {
        store.delete(m.tx.queueId());
    }
}
