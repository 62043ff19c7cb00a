package io.sluice.smtp.io;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** A write (or handshake) to a peer that did not take the octets in time; the connection was closed for it. */
public final class WriteTimeoutException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    WriteTimeoutException(Duration timeout, Exception cause) {
        super("the peer took nothing for " + timeout.toMillis() + " ms while a write was pending");
        initCause(cause);
    }
}
