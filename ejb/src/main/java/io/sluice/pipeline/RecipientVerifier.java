package io.sluice.pipeline;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.logging.Logger;

/**
 * Recipient verification at RCPT time: asks the downstream (MAIL FROM:&lt;&gt;, RCPT, RSET through the
 * pool) and answers the client with the downstream's own reply, so unknown users are refused during
 * the SMTP dialogue, exactly as the mail server would, and nothing needs to bounce later.
 *
 * <p>System properties: {@code sluice.verify-recipients} (default true) switches it off, then every
 * syntactically valid recipient is accepted and refusals happen at relay time;
 * {@code sluice.verify-cache-seconds} (default 60) is how long an answer is reused.
 */
@ApplicationScoped
public class RecipientVerifier {

    private static final Logger LOG = Logger.getLogger(RecipientVerifier.class.getName());
    static final Reply ACCEPTED = Reply.of(ReplyCode.OK, EnhancedStatus.DESTINATION_OK, "Ok");

    private final boolean enabled = Boolean.parseBoolean(System.getProperty("sluice.verify-recipients", "true"));
    private final VerificationCache cache = new VerificationCache(
            1000L * Integer.getInteger("sluice.verify-cache-seconds", 60), 100_000);

    @Inject
    Downstream downstream;

    /** The downstream's answer about {@code address} (cached), or 250 when verification is off. */
    public Reply verify(Transaction transaction, String address) {
        if (!enabled) {
            return ACCEPTED;
        }
        Reply cached = cache.get(address, System.nanoTime());
        if (cached != null) {
            return cached;
        }
        try {
            Reply reply = GatewayReplies.passOn(downstream.call("verify", c -> c.verifyRecipient(address)));
            cache.put(address, reply, System.nanoTime());
            return reply;
        } catch (ResourceException e) {
            LOG.warning(() -> transaction.queueId() + ": cannot verify <" + address + ">: " + e.getMessage());
            return GatewayReplies.DOWNSTREAM_UNAVAILABLE;
        } catch (RelayException e) {
            LOG.warning(() -> transaction.queueId() + ": verifying <" + address + "> failed: " + e.getMessage());
            return GatewayReplies.DOWNSTREAM_FAILED;
        }
    }
}
