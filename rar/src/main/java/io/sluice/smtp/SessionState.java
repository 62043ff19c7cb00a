package io.sluice.smtp;

/** Where an SMTP session stands (RFC 5321 §4.1.4 command ordering). */
public enum SessionState {
    /** Greeting sent; HELO or EHLO must come first. */
    CONNECTED,
    /** Client identified itself; no transaction open. */
    GREETED,
    /** MAIL accepted; no recipient yet. */
    MAIL,
    /** At least one recipient accepted; DATA may follow. */
    RCPT
}
