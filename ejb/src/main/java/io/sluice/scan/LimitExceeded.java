package io.sluice.scan;

/**
 * A {@link ScanLimits} limit was reached: the analysis of the message stops where it is and the
 * message is unscannable. Archive readers let it through untouched, whatever else they catch.
 */
final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
