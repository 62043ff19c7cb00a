package io.sluice.smtp;

/**
 * The phase of an SMTP session a command raises: where the listener (the gateway's policy) is asked,
 * or will be. {@link #NONE} for commands that only manage the session.
 */
public enum Phase {
    NONE, HELO, TLS, AUTH, MAIL, RCPT, END_OF_DATA
}
