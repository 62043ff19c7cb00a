package io.sluice.policy;

/**
 * Which mail a policy applies to. Mail is outbound when the client authenticated (SMTP AUTH) or
 * its real address (the PROXY protocol's, when a trusted balancer names it) lies in one of the
 * internal networks of the settings; everything else is inbound. The sender address never
 * decides it, so a client outside cannot get the outbound policies by forging an internal domain
 * in MAIL FROM.
 */
public enum Direction {
    INBOUND, OUTBOUND, BOTH;

    public boolean accepts(boolean outbound) {
        return this == BOTH || (this == OUTBOUND) == outbound;
    }
}
