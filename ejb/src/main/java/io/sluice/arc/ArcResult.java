package io.sluice.arc;

import java.util.Locale;

/**
 * The validation of a message's ARC chain (RFC 8617 §5.2): none (no ARC fields), pass or fail.
 *
 * @param status    the chain's result, the {@code cv=} value a sealer passes on
 * @param instances the number of ARC sets (0 for none)
 * @param reason    in words
 * @param sealer    for a passing chain, the {@code d=} of its newest ARC-Seal: the last intermediary,
 *                  the one a receiver's local policy may trust (§7.2); null otherwise
 */
public record ArcResult(Status status, int instances, String reason, String sealer) {

    public static final ArcResult NONE = new ArcResult(Status.NONE, 0, "no ARC sets");

    /** A result without a sealer: none, or a failed chain. */
    public ArcResult(Status status, int instances, String reason) {
        this(status, instances, reason, null);
    }

    public enum Status {
        NONE, PASS, FAIL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
