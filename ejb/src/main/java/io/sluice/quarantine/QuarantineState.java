package io.sluice.quarantine;

/**
 * Where a quarantined message is in its life. RELEASING is held only while one release is relaying
 * it: the claim that sets it is what makes a release happen exactly once.
 */
public enum QuarantineState {
    HELD, RELEASING, RELEASED
}
