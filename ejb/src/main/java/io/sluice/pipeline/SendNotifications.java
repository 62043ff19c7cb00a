package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.notify.Notice;
import io.sluice.notify.Notifier;
import io.sluice.pipeline.MessageLedger.Outcome;

import java.util.Locale;

/**
 * Sends the policy's notifications (in the background) once the outcome is settled; a deferred
 * message notifies no one, as the client sends it again.
 */
final class SendNotifications implements EndOfDataStep {

    private final Notifier notifier;

    SendNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void apply(EndOfData m) {
        Disposition d = m.disposition;
        if (d == null || m.outcome() == Outcome.DEFERRED || d.notifications().isEmpty()) {
            return;
        }
        notifier.notify(d.notifications(), new Notice(m.tx.queueId(), m.tx.sender(), m.recipients(), m.subject(),
                m.message.viruses(), m.message.spamScore(), m.policy.name(), m.outcome().name().toLowerCase(Locale.ROOT),
                m.reason(), m.tx.client().serverName()), m.outcome() == Outcome.QUARANTINED);
    }
}
