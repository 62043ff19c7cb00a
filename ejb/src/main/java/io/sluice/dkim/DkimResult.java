package io.sluice.dkim;

/**
 * What one signature came to (RFC 8601 §2.7.1 names the results).
 *
 * @param status    the result
 * @param domain    the signing domain ({@code d=}), or null when the signature was unreadable
 * @param selector  the selector ({@code s=}), or null
 * @param identity  the agent or user identifier ({@code i=}, default "@" + d), or null
 * @param algorithm the {@code a=} value, or null
 * @param headerB   the first 8 characters of {@code b=}, to tell signatures apart (RFC 6008), or null
 * @param reason    why, in words, for the log and the Authentication-Results comment
 */
public record DkimResult(Status status, String domain, String selector, String identity, String algorithm,
                         String headerB, String reason) {

    public enum Status {
        /** The signature verified. */
        PASS,
        /** The body hash or the signature did not verify (or l= reaches past the body). */
        FAIL,
        /** The signature could not be read: not a tag list, an unknown version, algorithm or canonicalisation. */
        NEUTRAL,
        /** The key could not be fetched this time. */
        TEMPERROR,
        /** A required tag missing or inconsistent, or no usable key (absent, revoked, malformed, of another type). */
        PERMERROR,
        /** Readable and maybe valid, but not accepted: expired, rsa-sha1 or an RSA key under 1024 bits (RFC 8301). */
        POLICY;

        /** The name in Authentication-Results. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The same signature, now with another result. */
    DkimResult with(Status newStatus, String newReason) {
        return new DkimResult(newStatus, domain, selector, identity, algorithm, headerB, newReason);
    }
}
