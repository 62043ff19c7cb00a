package io.sluice.config;

/** What happens to a message when an engine it must go through cannot be reached or times out. */
public enum OnFailure {
    /** The client is told 451 and tries again later (nothing unscanned gets through). */
    TEMPFAIL,
    /** The message goes on, with a header saying which engine did not scan it. */
    PASS
}
