package io.sluice.config;

/**
 * Which inbound messages get an ARC set (RFC 8617) sealing the results the gateway saw before it
 * delivers them.
 */
public enum ArcSealing {
    /** None (the default). */
    OFF,
    /**
     * Those the gateway changed where a signature that arrived with them covers the change (a
     * tagged subject, a header edit of a signed field, a disclaimer, a stripped attachment), so
     * that the mail server can no longer verify that signature itself.
     */
    CHANGED,
    /** Every inbound message that was checked, changed or not. */
    ALL
}
