package io.sluice.policy;

/**
 * Which mail a policy applies to. Mail is outbound when the sender's domain is one of the
 * internal domains or the client authenticated; everything else is inbound.
 */
public enum Direction {
    INBOUND, OUTBOUND, BOTH;

    public boolean accepts(boolean outbound) {
        return this == BOTH || (this == OUTBOUND) == outbound;
    }
}
