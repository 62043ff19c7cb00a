package io.sluice.quarantine;

import jakarta.ejb.ApplicationException;

/**
 * A release sent the whole message and then got no answer: the mail server may have taken it.
 * The entry is RELEASE_UNCERTAIN until an administrator decides; nothing is sent again by itself.
 */
@ApplicationException
public class ReleaseUncertain extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReleaseUncertain(String message, Throwable cause) {
        super(message, cause);
    }
}
