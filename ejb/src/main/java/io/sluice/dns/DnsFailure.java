package io.sluice.dns;

/**
 * A DNS question without an answer: no resolver answered in time, or one answered SERVFAIL or
 * REFUSED. The question may well have an answer later, so whatever depends on it is a temporary
 * error (SPF's temperror, a 4xx), never a negative answer.
 */
public class DnsFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public DnsFailure(String message) {
        super(message);
    }
}
