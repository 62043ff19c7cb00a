package io.sluice.api;

import java.io.Serializable;

/**
 * The listener's answer to one RCPT: the reply, and for an accepted recipient the policy the
 * transaction is bound to. The engine keeps the policy of the first accepted recipient for the
 * whole transaction ({@link Transaction#policy()}), so that every transaction has exactly one.
 *
 * @param reply  what the client is told; 2xx accepts the recipient
 * @param policy an opaque key naming the policy, or {@code null}
 */
public record RecipientDecision(Reply reply, String policy) implements Serializable {

    public static RecipientDecision of(Reply reply) {
        return new RecipientDecision(reply, null);
    }
}
