package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.Cidr;
import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SenderChecks;
import io.sluice.greylist.GreylistStore;
import io.sluice.greylist.Triplet;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * RCPT step: greylisting (RFC 6647). The first attempt of a client network, sender and recipient
 * gets a temporary failure; a real mail server retries, and a retry after the delay passes, its
 * client network then passing for a while without asking (the automatic allow list). Never
 * greylisted: authenticated clients, internal networks, the exempt networks and sender domains,
 * and (when set) senders that pass SPF. What it found for the transaction's recipients becomes the
 * {@link #RESULT} attribute: the policy's {@code GREYLISTED} filter and the tracking log read it.
 */
final class Greylisting implements PhaseStep<RcptPhase.Rcpt> {

    /**
     * Greylisting's result for the transaction: "passed" when a recipient's triplet passed now, on
     * its retry after the delay (the message was held back by greylisting); else "known" when a
     * recipient passed as a triplet seen before or a client network on the automatic allow list;
     * else "exempt". Absent while greylisting is off.
     */
    static final Attributes.Key<String> RESULT = Attributes.Key.of("sluice.greylist", String.class);

    /** The results, weakest first: a transaction's is the strongest of its recipients'. */
    static final List<String> RESULTS = List.of("exempt", "known", "passed");

    private static final Logger LOG = Logger.getLogger(Greylisting.class.getName());

    private final GreylistStore store;
    private final Supplier<RuntimeSettings> settings;
    private final Clock clock;

    Greylisting(GreylistStore store, Supplier<RuntimeSettings> settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Decision apply(RcptPhase.Rcpt r) {
        RuntimeSettings s = settings.get();
        SenderChecks g = s.senderChecks();
        Transaction tx = r.tx();
        if (!g.greylisting()) {
            return null;
        }
        if (exempt(tx, s)) {
            learn(r, "exempt");
            return null;
        }
        GreylistStore.Verdict v = store.check(Triplet.of(tx.client().address(), tx.sender(), r.recipient().address()),
                clock.instant(), new GreylistStore.Timing(g.greylistDelay(), g.greylistWindow(), g.greylistAllowFor()));
        if (v == GreylistStore.Verdict.DEFERRED) {
            return Decision.temporaryFailure(deferred(r.recipient().address()));
        }
        if (v == GreylistStore.Verdict.PASSED_RETRY) {
            LOG.info(() -> tx.queueId() + ": greylisting passed the retry of client=" + tx.client().address()
                    + " from=<" + tx.sender() + "> to=<" + r.recipient().address() + ">");
        }
        learn(r, v == GreylistStore.Verdict.PASSED_RETRY ? "passed" : "known");
        return null;
    }

    /** Records {@code result} for the transaction unless an earlier recipient's is stronger. */
    private static void learn(RcptPhase.Rcpt r, String result) {
        String before = r.tx().attributes().get(RESULT);
        if (before == null || RESULTS.indexOf(result) > RESULTS.indexOf(before)) {
            r.learned().put(RESULT, result);
        }
    }

    static Reply deferred(String recipient) {
        return Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.TEMPORARY_NOT_AUTHORIZED, "<" + recipient
                + ">: Recipient address rejected: Greylisted, try again later");
    }

    private static boolean exempt(Transaction tx, RuntimeSettings s) {
        String address = tx.client().address();
        if (tx.client().authenticated() || s.internalNetworks().contains(address)) {
            return true;
        }
        if (s.senderChecks().greylistExemptSpfPass() && "pass".equals(tx.attributes().get(MailPhase.SPF))) {
            return true;
        }
        String domain = tx.sender().substring(tx.sender().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (String e : s.senderChecks().greylistExemptions()) {
            if (e.contains("/") || e.contains(":") || e.matches("[0-9.]+")) {
                try {
                    if (Cidr.parse(e).contains(address)) {
                        return true;
                    }
                } catch (IllegalArgumentException ignored) {
                    // the settings API lets none in; one written with SQL is not an exemption
                }
            } else if (!tx.isNullSender()) {
                String d = e.toLowerCase(Locale.ROOT);
                if (domain.equals(d) || domain.endsWith("." + d)) {
                    return true;
                }
            }
        }
        return false;
    }
}
