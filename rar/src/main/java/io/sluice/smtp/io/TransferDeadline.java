package io.sluice.smtp.io;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the whole transfer of one message must be over (RFC 5321 §4.5.3.2.6), however steadily its
 * octets trickle in; each single read is bounded by the transport's read timeout instead. Read on
 * the engine's ticker (monotonic, see {@link io.sluice.smtp.SmtpSettings#ticker()}), so a step of
 * the wall clock does not move it and a test can move past it without waiting.
 */
public final class TransferDeadline {

    private final LongSupplier ticker;
    private final long at;

    private TransferDeadline(LongSupplier ticker, long at) {
        this.ticker = ticker;
        this.at = at;
    }

    /** {@code allowed} from now on {@code ticker} (nanoseconds). */
    public static TransferDeadline after(LongSupplier ticker, Duration allowed) {
        return new TransferDeadline(ticker, ticker.getAsLong() + allowed.toNanos());
    }

    /** A deadline that never passes (readers tested on their own). */
    public static TransferDeadline never() {
        return new TransferDeadline(() -> 0, Long.MAX_VALUE);
    }

    /** Fails once the deadline has passed. */
    void check(String what) throws SocketTimeoutException {
        if (ticker.getAsLong() - at > 0) {
            throw new SocketTimeoutException(what + " took longer than allowed");
        }
    }
}
