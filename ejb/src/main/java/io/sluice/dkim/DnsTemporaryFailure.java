package io.sluice.dkim;

/** A DNS query got no answer this time (timeout, SERVFAIL); a later one may. */
public final class DnsTemporaryFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public DnsTemporaryFailure(String message) {
        super(message);
    }

    public DnsTemporaryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
