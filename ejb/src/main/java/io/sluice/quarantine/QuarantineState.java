package io.sluice.quarantine;

/**
 * Where a quarantined message is in its life. A release is exactly once because only the claim
 * that turns an entry into RELEASING relays it, and only that attempt's own outcome settles it:
 *
 * <pre>
 * HELD ──release──▶ RELEASING ──250 from the mail server──▶ RELEASED
 *                     │  ├──refused, or never sent whole──▶ HELD
 *                     │  └──lost after it was sent whole──▶ RELEASE_UNCERTAIN
 *                     └──interrupted (restart, no outcome in time)──▶ RELEASE_UNCERTAIN
 * RELEASE_UNCERTAIN ──administrator──▶ RELEASED (marked), RELEASING (released again knowingly), deleted
 * </pre>
 */
public enum QuarantineState {
    /** Kept; may be released or deleted. */
    HELD,
    /** One release is relaying it right now; nothing else may touch it. */
    RELEASING,
    /** A release began, and whether the mail server took the message is not known: an administrator decides. */
    RELEASE_UNCERTAIN,
    /** The mail server took it (or an administrator said it did). */
    RELEASED
}
