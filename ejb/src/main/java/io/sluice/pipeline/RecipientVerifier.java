package io.sluice.pipeline;

import io.sluice.config.NodeProperties;
import io.sluice.downstream.Downstream;
import io.sluice.api.ClientOrigin;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Recipient verification at RCPT time: asks the downstream (MAIL FROM with the transaction's
 * sender, RCPT, RSET through the pool, acting for the client with XCLIENT exactly as the relay
 * will) and answers the client with the downstream's own reply, so unknown users and relay
 * attempts are refused during the SMTP dialogue, exactly as the mail server would, and nothing
 * needs to bounce later.
 *
 * <p>An answer is reused only where it cannot depend on who asks: keyed by everything the mail
 * server sees of the question (client address, HELO, login, sender, recipient, SMTPUTF8); and a
 * "no such mailbox" answer (RFC 3463 X.1.1), which depends on the recipient alone, also for that
 * recipient from anyone. The relay itself asks again in any case, so a cached answer can refuse
 * early but never lets through what the mail server would refuse.
 *
 * <p>System properties: {@code sluice.verify-recipients} (default true) switches it off, then every
 * syntactically valid recipient is accepted and refusals happen at relay time;
 * {@code sluice.verify-cache-seconds} (default 60) is how long an answer is reused.
 */
@ApplicationScoped
public class RecipientVerifier {

    private static final Logger LOG = Logger.getLogger(RecipientVerifier.class.getName());
    static final Reply ACCEPTED = Reply.of(ReplyCode.OK, EnhancedStatus.DESTINATION_OK, "Ok");

    private boolean enabled;
    private VerificationCache<Question> cache;

    /** What a downstream answer about a recipient can depend on; only {@code recipient} for X.1.1. */
    record Question(String client, String helo, String login, String sender, String recipient, boolean utf8) {

        static Question of(Transaction tx, String recipient) {
            return new Question(tx.client().address(), tx.client().helo(), tx.client().authUser(), tx.sender(),
                    recipient, tx.mail().smtpUtf8());
        }

        static Question anyone(String recipient) {
            return new Question(null, null, null, null, recipient, false);
        }
    }

    /** RFC 3463 X.1.1, bad destination mailbox: an answer about the mailbox, whoever asks. */
    static boolean aboutTheMailbox(Reply reply) {
        return reply.code() >= 500 && reply.status() != null && reply.status().endsWith(".1.1");
    }

    @Inject
    Downstream downstream;

    @Inject
    NodeProperties node;

    /** The clock the cached answers' age is measured with ({@link System#nanoTime()} or a test's). */
    LongSupplier nanoClock = System::nanoTime;

    @PostConstruct
    void start() {
        enabled = node.verifyRecipients();
        cache = new VerificationCache<>(node.verifyCache().toMillis(), 100_000);
    }

    /** The downstream's answer about {@code address} (cached), or 250 when verification is off. */
    public Reply verify(Transaction transaction, String address) {
        if (!enabled) {
            return ACCEPTED;
        }
        Question question = Question.of(transaction, address);
        long now = nanoClock.getAsLong();
        Reply cached = cache.get(question, now);
        if (cached == null) {
            cached = cache.get(Question.anyone(address), now);
        }
        if (cached != null) {
            return cached;
        }
        RelayEnvelope probe = new RelayEnvelope(transaction.sender(), List.of(address), transaction.mail(),
                ClientOrigin.of(transaction.client()));
        try {
            Reply reply = GatewayReplies.passOn(downstream.call("verify", c -> c.verifyRecipient(probe)));
            long answered = nanoClock.getAsLong();
            cache.put(question, reply, answered);
            if (aboutTheMailbox(reply)) {
                cache.put(Question.anyone(address), reply, answered);
            }
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
