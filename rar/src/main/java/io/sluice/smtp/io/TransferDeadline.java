package io.sluice.smtp.io;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the whole transfer of one message must be over (RFC 5321 §4.5.3.2.6), however steadily its
 * octets trickle in; each single read is bounded by the transport's read timeout instead. Read on
 * the engine's clock, so a test can move past it without waiting.
 */
public final class TransferDeadline {

    private final Clock clock;
    private final Instant at;

    private TransferDeadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    /** {@code allowed} from now on {@code clock}. */
    public static TransferDeadline after(Clock clock, Duration allowed) {
        return new TransferDeadline(clock, clock.instant().plus(allowed));
    }

    /** A deadline that never passes (readers tested on their own). */
    public static TransferDeadline never() {
        return new TransferDeadline(Clock.systemUTC(), Instant.MAX);
    }

    /** Fails once the deadline has passed. */
    void check(String what) throws SocketTimeoutException {
        if (clock.instant().isAfter(at)) {
            throw new SocketTimeoutException(what + " took longer than allowed");
        }
    }
}
