package io.sluice.pipeline;

import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.pipeline.MessageRelay.Relayed;

import java.util.List;
import java.util.logging.Logger;

/**
 * Relays the message as received to the policy's archive addresses before anything else leaves. A
 * copy the mail server does not take defers the whole message: the client sends it again later,
 * and a refused archive copy is the gateway's problem, not the sender's.
 */
final class ArchiveCopies implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(ArchiveCopies.class.getName());

    private final MessageRelay relay;

    ArchiveCopies(MessageRelay relay) {
        this.relay = relay;
    }

    @Override
    public void apply(EndOfData m) {
        List<String> archives = m.disposition.archives();
        if (archives.isEmpty()) {
            return;
        }
        m.clock.relaying();
        Relayed r = relay.relay(m.tx, archives, RelayedMessage.unchanged(m.prefix, m.message.content()));
        m.clock.relayed();
        if (r.delivered()) {
            LOG.info(() -> m.tx.queueId() + ": archive copy to " + archives + " sent (" + r.downstream() + ")");
            return;
        }
        m.settle(Outcome.DEFERRED, r.reply().isTransientFailure() ? r.reply() : GatewayReplies.DOWNSTREAM_FAILED,
                "archive: " + r.downstream());
    }
}
