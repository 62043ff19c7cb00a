package io.sluice.api;

/** The points of an SMTP session where the listener decides (see {@link SmtpListener}). */
public enum Phase {
    /** A new connection, before the greeting. */
    CONNECT,
    /** HELO or EHLO. */
    HELO,
    /** AUTH's credentials. */
    AUTH,
    /** MAIL FROM: a transaction opens. */
    MAIL,
    /** RCPT TO: one recipient joins it. */
    RCPT,
    /** The message arrived (after DATA or the last BDAT chunk). */
    END_OF_DATA
}
