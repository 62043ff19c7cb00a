package io.sluice.pipeline;

import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.tracking.MessageCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.List;
import java.util.logging.Logger;

/**
 * End of data: prepends the trace headers and relays the message through the pool before the
 * client gets its answer. The client sees 250 only once the downstream accepted the message; any
 * failure on the way is a 451, so the client keeps the message and retries. Nothing is lost and
 * the gateway never has to bounce.
 */
@ApplicationScoped
public class MessageRelay {

    private static final Logger LOG = Logger.getLogger(MessageRelay.class.getName());

    @Inject
    Downstream downstream;

    @Inject
    MessageCounters counters;

    /** Relays {@code message} to {@code recipients}; {@code policy} is only for the log line. */
    public Reply relay(Transaction tx, List<String> recipients, MessageSource message, String policy) {
        long start = System.nanoTime();
        RelayEnvelope envelope = new RelayEnvelope(tx.sender(), recipients, tx.mailParameters());
        Reply reply;
        String outcome;
        try {
            RelayResult result = downstream.call(tx.queueId(), c -> c.send(envelope, message));
            reply = clientReply(tx, result);
            outcome = result.delivered() ? "sent (" + result.finalReply() + ")" : "refused (" + result.refusal() + ")";
        } catch (ResourceException e) {
            reply = GatewayReplies.DOWNSTREAM_UNAVAILABLE;
            outcome = "deferred (" + e.getMessage() + ")";
        } catch (RelayException e) {
            reply = GatewayReplies.DOWNSTREAM_FAILED;
            outcome = "deferred (" + e.getMessage() + ")";
        }
        counters.message(reply, message.size());
        long micros = (System.nanoTime() - start) / 1000;
        Reply answer = reply;
        String result = outcome;
        LOG.info(() -> tx.queueId() + ": from=<" + tx.sender() + "> to=" + recipients + " size=" + message.size()
                + " client=" + tx.client().address() + " policy=" + policy + " " + result + " reply=\"" + answer
                + "\" " + micros / 1000.0 + "ms");
        return reply;
    }

    private static Reply clientReply(Transaction tx, RelayResult result) {
        if (result.delivered()) {
            return GatewayReplies.queued(tx.queueId(), result.finalReply());
        }
        int refused = result.refusedRecipient();
        if (result.mail().isPositive() && refused >= 0) {
            return GatewayReplies.recipientRefusedAtRelay(tx.recipients().get(refused).address(),
                    result.recipients().get(refused));
        }
        return GatewayReplies.passOn(result.refusal());
    }
}
