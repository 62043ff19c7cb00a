package io.sluice.pipeline;

import io.sluice.downstream.Downstream;
import io.sluice.api.ClientOrigin;
import io.sluice.api.MessageSource;
import io.sluice.api.Recipient;
import io.sluice.api.RelayConnection;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relays a message through the pool before the client gets its answer. The client sees 250 only
 * once the downstream accepted the message; any failure on the way is a 451, so the client keeps
 * the message and retries. Nothing is lost and the gateway never has to bounce.
 */
@ApplicationScoped
public class MessageRelay {

    @Inject
    Downstream downstream;

    /**
     * What came of relaying one message.
     *
     * @param reply      the answer for the client
     * @param delivered  whether the downstream accepted it
     * @param downstream what the downstream said (or why it could not be asked), for the log
     */
    record Relayed(Reply reply, boolean delivered, String downstream) {
    }

    /**
     * An idle downstream session, made to start acting for the transaction's client now
     * ({@link RelayConnection#readyFor}); {@code null} when the pool has none idle.
     */
    RelayConnection ready(Transaction tx) {
        RelayConnection session = downstream.borrow();
        if (session != null) {
            session.readyFor(ClientOrigin.of(tx.client()));
        }
        return session;
    }

    Relayed relay(Transaction tx, List<String> recipients, MessageSource message) {
        return relay(tx, recipients, message, null);
    }

    /** @param readied a session from {@link #ready} for the first attempt (closed here), or null */
    Relayed relay(Transaction tx, List<String> recipients, MessageSource message, RelayConnection readied) {
        Map<String, Map<String, String>> dsn = new HashMap<>();
        for (Recipient r : tx.recipients()) {
            if (!r.parameters().isEmpty() && recipients.contains(r.address())) {
                dsn.put(r.address(), r.parameters());
            }
        }
        RelayEnvelope envelope = new RelayEnvelope(tx.sender(), recipients, tx.mail(),
                ClientOrigin.of(tx.client()), dsn);
        try {
            RelayResult result = downstream.call(tx.queueId(), readied, c -> c.send(envelope, message));
            if (result.delivered()) {
                return new Relayed(GatewayReplies.queued(tx.queueId(), result.finalReply()), true,
                        result.finalReply().toString());
            }
            return new Relayed(clientReply(tx, recipients, result), false, result.refusal().toString());
        } catch (ResourceException e) {
            return new Relayed(GatewayReplies.DOWNSTREAM_UNAVAILABLE, false, "unavailable: " + e.getMessage());
        } catch (RelayException e) {
            return new Relayed(GatewayReplies.DOWNSTREAM_FAILED, false, "failed: " + e.getMessage());
        }
    }

    private static Reply clientReply(Transaction tx, List<String> recipients, RelayResult result) {
        int refused = result.refusedRecipient();
        if (result.mail().isPositive() && refused >= 0 && recipients.size() == tx.recipients().size()) {
            return GatewayReplies.recipientRefusedAtRelay(tx.recipients().get(refused).address(),
                    result.recipients().get(refused));
        }
        return GatewayReplies.passOn(result.refusal());
    }
}
