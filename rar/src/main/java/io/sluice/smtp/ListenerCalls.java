package io.sluice.smtp;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.Phase;
import io.sluice.api.SmtpListener;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One session's calls into the listener. A failure inside it (an exception, no answer) becomes a
 * temporary failure, so the client retries and nothing it was told is accepted gets lost; at
 * connect it lets the client in (a broken listener must not stop all mail). HELO and MAIL are
 * only asked if the listener decides there (MAIL also unless the connect decision says the session
 * has nothing to decide there); the other phases always are, since skipping AUTH would let anyone in.
 */
final class ListenerCalls {

    private static final Logger LOG = Logger.getLogger(Session.class.getName());
    private static final Set<Phase> SKIPPABLE = EnumSet.of(Phase.HELO, Phase.MAIL);
    private static final Decision FAILED = Decision.temporaryFailure(Replies.LOCAL_ERROR);

    private final SmtpListener listener;
    private Set<Phase> phases = EnumSet.allOf(Phase.class);

    ListenerCalls(SmtpListener listener) {
        this.listener = listener;
    }

    /**
     * Connect: learns where the listener decides, then asks whether and how the client is taken;
     * the answer may take MAIL out of this session's phases.
     */
    ConnectDecision connect(String logPrefix, ClientInfo client, int fromSameAddress, int total) {
        phases = ask(logPrefix, "phases", SmtpListener::phases, EnumSet.allOf(Phase.class));
        ConnectDecision decision = ask(logPrefix, "CONNECT", l -> l.connect(client, fromSameAddress, total),
                ConnectDecision.ACCEPT);
        if (!decision.callAtMail() && phases.contains(Phase.MAIL)) {
            Set<Phase> fewer = EnumSet.copyOf(phases);
            fewer.remove(Phase.MAIL);
            phases = fewer;
        }
        return decision;
    }

    /** The listener's decision at {@code phase}; an accept where it does not decide. */
    Decision decide(String logPrefix, Phase phase, Function<SmtpListener, Decision> call) {
        if (SKIPPABLE.contains(phase) && !phases.contains(phase)) {
            return Decision.ACCEPT;
        }
        return ask(logPrefix, phase.name(), call, FAILED);
    }

    private <T> T ask(String logPrefix, String what, Function<SmtpListener, T> call, T onFailure) {
        try {
            T answer = call.apply(listener);
            if (answer != null) {
                return answer;
            }
            LOG.warning(() -> logPrefix + what + " returned no answer");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, logPrefix + what + " failed", e);
        }
        return onFailure;
    }
}
