package io.sluice.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the listener decides at one phase of a session: the closed vocabulary the engine carries
 * out. The engine turns it into the wire reply in one place, so every phase answers alike.
 * <ul>
 *   <li>{@link Accept}: the command proceeds. Its reply, when given, replaces the engine's own
 *       positive reply (where the protocol lets it: EHLO keeps its capability list), and its
 *       attributes join the transaction (a key it already has keeps its first value).</li>
 *   <li>{@link Reject}: refused for good, a 5xx.</li>
 *   <li>{@link TemporaryFailure}: refused for now, a 4xx; the client keeps its mail and tries again.</li>
 *   <li>{@link Disconnect}: answered and the connection closed (a 421 gets the server's name in
 *       front, RFC 5321 §4.2).</li>
 * </ul>
 */
public sealed interface Decision extends Serializable
        permits Decision.Accept, Decision.Reject, Decision.TemporaryFailure, Decision.Disconnect {

    /** The reply the listener chose, or {@code null} for an accept that leaves it to the engine. */
    Reply reply();

    /** The attributes an accept adds to the transaction (none for the others). */
    default Attributes attributes() {
        return Attributes.NONE;
    }

    /** The command proceeds; {@code reply} is null or positive. */
    record Accept(Reply reply, Attributes attributes) implements Decision {
        public Accept {
            Objects.requireNonNull(attributes, "attributes");
            if (reply != null && !reply.isPositive()) {
                throw new IllegalArgumentException("an accept needs a 2xx or 3xx reply: " + reply);
            }
        }
    }

    /** Refused for good. */
    record Reject(Reply reply) implements Decision {
        public Reject {
            if (!reply.isPermanentFailure()) {
                throw new IllegalArgumentException("a rejection needs a 5xx reply: " + reply);
            }
        }
    }

    /** Refused for now. */
    record TemporaryFailure(Reply reply) implements Decision {
        public TemporaryFailure {
            if (!reply.isTransientFailure()) {
                throw new IllegalArgumentException("a temporary failure needs a 4xx reply: " + reply);
            }
        }
    }

    /** Answered, then the connection closes. */
    record Disconnect(Reply reply) implements Decision {
        public Disconnect {
            if (reply.isPositive()) {
                throw new IllegalArgumentException("a disconnection needs a 4xx or 5xx reply: " + reply);
            }
        }
    }

    Decision ACCEPT = new Accept(null, Attributes.NONE);

    static Decision accept(Reply reply) {
        return new Accept(reply, Attributes.NONE);
    }

    static Decision accept(Attributes attributes) {
        return new Accept(null, attributes);
    }

    static Decision reject(Reply reply) {
        return new Reject(reply);
    }

    static Decision temporaryFailure(Reply reply) {
        return new TemporaryFailure(reply);
    }

    static Decision disconnect(Reply reply) {
        return new Disconnect(reply);
    }

    /** The decision a reply stands for by its class: 2xx and 3xx accept, 4xx temporary failure, 5xx reject. */
    static Decision of(Reply reply) {
        if (reply.isPositive()) {
            return accept(reply);
        }
        return reply.isTransientFailure() ? temporaryFailure(reply) : reject(reply);
    }

    default boolean accepted() {
        return this instanceof Accept;
    }
}
