package io.sluice.api;

import java.io.Serializable;
import java.util.Set;

/**
 * What the gateway decides about a new connection, before the greeting.
 *
 * @param refusal              the reply that refuses the connection (421, 554), or {@code null} to accept it
 * @param greetPauseMillis     how long to wait before the greeting; a client that talks meanwhile is
 *                             refused as an early talker (0: no pause)
 * @param maxErrors            failed commands after which the session is closed (0: no limit)
 * @param errorDelayMillis     how long the last of them waits before the session is closed
 * @param mailServerExtensions the EHLO keywords of the mail server behind, as last seen (upper case):
 *                             the engine offers an extension it can only pass on (SMTPUTF8, say)
 *                             while the mail server offers it
 */
public record ConnectDecision(Reply refusal, long greetPauseMillis, int maxErrors, long errorDelayMillis,
                              Set<String> mailServerExtensions) implements Serializable {

    public static final ConnectDecision ACCEPT = new ConnectDecision(null, 0, 0, 0);

    public ConnectDecision {
        mailServerExtensions = Set.copyOf(mailServerExtensions);
    }

    public ConnectDecision(Reply refusal, long greetPauseMillis, int maxErrors, long errorDelayMillis) {
        this(refusal, greetPauseMillis, maxErrors, errorDelayMillis, Set.of());
    }

    public static ConnectDecision refuse(Reply reply) {
        return new ConnectDecision(reply, 0, 0, 0);
    }

    /** This decision, knowing what the mail server behind offers. */
    public ConnectDecision withMailServerExtensions(Set<String> keywords) {
        return new ConnectDecision(refusal, greetPauseMillis, maxErrors, errorDelayMillis, keywords);
    }
}
