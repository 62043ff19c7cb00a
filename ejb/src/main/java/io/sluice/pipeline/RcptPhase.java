package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.Decision;
import io.sluice.api.Recipient;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.config.Connections;
import io.sluice.config.SettingsCache;
import io.sluice.greylist.GreylistStore;
import io.sluice.mailbox.SenderLists;
import io.sluice.policy.ConfigurationChanged;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.PolicySnapshot;
import io.sluice.tracking.MessageCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Logger;

/**
 * RCPT: finds the recipient's policy, then runs the steps in order until one decides; the last,
 * the mail server's verification, always does. An accepted recipient binds the transaction to its
 * policy ({@link #BOUND_POLICY}; the engine keeps the first recipient's).
 *
 * <pre>
 * recipient rates → the recipient's own sender lists → one policy per transaction → greylisting →
 * verify with the mail server;  then: bind policy, and whether the recipients allow the sender
 * </pre>
 */
@ApplicationScoped
public class RcptPhase {

    /** The transaction's policy: its id, bound at the first accepted recipient and carried by the engine. */
    static final Attributes.Key<Long> BOUND_POLICY = Attributes.Key.of("sluice.policy", Long.class);

    private static final Logger LOG = Logger.getLogger(RcptPhase.class.getName());

    /**
     * Whether the transaction's recipients have the sender on their own allow list (bound at the
     * first accepted recipient; every later one must agree, see {@link PersonalSenderLists}).
     */
    static final Attributes.Key<Boolean> SENDER_ALLOWED = Attributes.Key.of("sluice.sender-allowed", Boolean.class);

    /**
     * What the RCPT steps look at: the transaction so far, the recipient, its policy, the limits now,
     * and what the recipient's own sender lists say of the sender (null: nothing).
     */
    record Rcpt(Transaction tx, Recipient recipient, PolicyRules policy, Connections limits, SenderLists.Kind personal,
                Learned learned) {
        Rcpt(Transaction tx, Recipient recipient, PolicyRules policy, Connections limits, SenderLists.Kind personal) {
            this(tx, recipient, policy, limits, personal, new Learned());
        }

        Rcpt(Transaction tx, Recipient recipient, PolicyRules policy, Connections limits) {
            this(tx, recipient, policy, limits, null);
        }
    }

    /**
     * Facts a step that lets a recipient pass learned on the way (greylisting's result, say): an
     * accept carries them into the transaction's attributes, where the end of data finds them.
     */
    static final class Learned {
        private Attributes attributes = Attributes.NONE;

        <T extends java.io.Serializable> void put(Attributes.Key<T> key, T value) {
            attributes = attributes.with(key, value);
        }

        Attributes attributes() {
            return attributes;
        }
    }

    @Inject
    PolicyCache policies;

    @Inject
    RecipientVerifier verifier;

    @Inject
    MessageCounters counters;

    @Inject
    SettingsCache settings;

    @Inject
    SenderLists senderLists;

    @Inject
    GreylistStore greylist;

    private RecipientRates rates;
    private List<PhaseStep<Rcpt>> steps;

    @PostConstruct
    void assemble() {
        rates = new RecipientRates();
        steps = List.of(rates, new PersonalSenderLists(), new OnePolicyPerTransaction(),
                new Greylisting(greylist, settings::current, java.time.Clock.systemUTC()), new VerifyRecipient(verifier));
    }

    public Decision check(Transaction tx, Recipient recipient) {
        PolicyRules policy = policyFor(policies.snapshot(), tx, recipient.address());
        SenderLists.Kind personal = senderLists.lookup(recipient.address(), tx.sender()).orElse(null);
        Decision decision = decide(steps, new Rcpt(tx, recipient, policy, settings.current().connections(), personal));
        counters.recipient(decision.reply());
        if (!decision.accepted() && decision.reply().code() != ReplyCode.INSUFFICIENT_STORAGE) {
            LOG.info(() -> tx.queueId() + ": recipient <" + recipient.address() + "> from=<" + tx.sender()
                    + "> client=" + tx.client().address() + " refused: " + decision.reply());
        }
        return decision;
    }

    /** The steps' decision; an accept binds the policy. */
    static Decision decide(List<PhaseStep<Rcpt>> steps, Rcpt r) {
        Decision decision = PhaseStep.first(steps, r);
        if (decision == null) {
            throw new IllegalStateException("no RCPT step decided about <" + r.recipient().address() + ">");
        }
        return decision.accepted()
                ? new Decision.Accept(decision.reply(), decision.attributes().withAll(r.learned().attributes())
                        .with(BOUND_POLICY, r.policy().id())
                        .with(SENDER_ALLOWED, r.personal() == SenderLists.Kind.ALLOW))
                : decision;
    }

    /**
     * The recipient's policy, in the transaction's direction: outbound when the client
     * authenticated or connects from an internal network, whatever the sender address says.
     */
    static PolicyRules policyFor(PolicySnapshot snapshot, Transaction tx, String recipient) {
        boolean outbound = snapshot.isOutbound(tx.client().address(), tx.client().authenticated());
        return snapshot.resolve(tx.sender(), recipient, outbound);
    }

    /** New limits start from zero. */
    void reset(@Observes ConfigurationChanged change) {
        rates.clear();
    }
}
