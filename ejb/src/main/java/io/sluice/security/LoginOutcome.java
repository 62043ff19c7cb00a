package io.sluice.security;

import java.time.Duration;

/** What one attempt to log in to the admin API came to. */
public sealed interface LoginOutcome {

    /** The password is right: who this is and what they may do. */
    record Admitted(String username, Role role) implements LoginOutcome {
    }

    /** No such user or not the password (the two are never told apart). */
    record Refused() implements LoginOutcome {
    }

    /** A mailbox owner's password could not be checked: the mail server was not reached or did not say. */
    record Unavailable() implements LoginOutcome {
    }

    /** The client's address failed too often lately; nothing was checked. */
    record Limited(Duration retryAfter) implements LoginOutcome {
    }
}
