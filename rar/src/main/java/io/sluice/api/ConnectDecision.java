package io.sluice.api;

import java.io.Serializable;
import java.util.Set;

/**
 * What the gateway decides about a new connection, before the greeting.
 *
 * @param decision             whether the connection is taken; anything but an accept is answered and
 *                             the connection closed (a 421, a 554)
 * @param greetPauseMillis     how long to wait before the greeting; a client that talks meanwhile is
 *                             refused as an early talker (0: no pause)
 * @param maxErrors            failed commands after which the session is closed (0: no limit)
 * @param errorDelayMillis     how long the last of them waits before the session is closed
 * @param mailServerExtensions the EHLO keywords of the mail server behind, as last seen (upper case):
 *                             the engine offers an extension it can only pass on (SMTPUTF8, say)
 *                             while the mail server offers it
 * @param callAtMail           false: the listener has nothing to decide at MAIL in this session, so
 *                             the engine need not call it there (each call into a container costs),
 *                             even where {@link SmtpListener#phases()} names MAIL
 */
public record ConnectDecision(Decision decision, long greetPauseMillis, int maxErrors, long errorDelayMillis,
                              Set<String> mailServerExtensions, boolean callAtMail) implements Serializable {

    public static final ConnectDecision ACCEPT = new ConnectDecision(Decision.ACCEPT, 0, 0, 0);

    public ConnectDecision {
        java.util.Objects.requireNonNull(decision, "decision");
        mailServerExtensions = Set.copyOf(mailServerExtensions);
    }

    public ConnectDecision(Decision decision, long greetPauseMillis, int maxErrors, long errorDelayMillis) {
        this(decision, greetPauseMillis, maxErrors, errorDelayMillis, Set.of());
    }

    public ConnectDecision(Decision decision, long greetPauseMillis, int maxErrors, long errorDelayMillis,
                           Set<String> mailServerExtensions) {
        this(decision, greetPauseMillis, maxErrors, errorDelayMillis, mailServerExtensions, true);
    }

    public static ConnectDecision refuse(Reply reply) {
        return new ConnectDecision(Decision.disconnect(reply), 0, 0, 0);
    }

    /** This decision, knowing what the mail server behind offers. */
    public ConnectDecision withMailServerExtensions(Set<String> keywords) {
        return new ConnectDecision(decision, greetPauseMillis, maxErrors, errorDelayMillis, keywords, callAtMail);
    }

    /** This decision, with no call at MAIL in the session. */
    public ConnectDecision withoutCallAtMail() {
        return new ConnectDecision(decision, greetPauseMillis, maxErrors, errorDelayMillis, mailServerExtensions, false);
    }
}
