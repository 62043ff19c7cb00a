package io.sluice.mime;

/**
 * A {@link io.sluice.config.ScanLimits} limit was reached: the walk over the message stops where
 * it is (for the analysis the message is then unscannable). Archive readers let it through
 * untouched, whatever else they catch.
 */
public final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
