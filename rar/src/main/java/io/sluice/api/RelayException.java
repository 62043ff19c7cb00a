package io.sluice.api;

import java.io.IOException;

/**
 * The relay to the downstream failed without a usable answer: connection lost, timeout, protocol
 * error or a 421. {@link #isRetryable()} tells whether the downstream cannot have seen any part of
 * the transaction (e.g. a pooled connection the downstream had already closed), so the caller may
 * safely try again on a fresh connection.
 */
public class RelayException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public RelayException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
