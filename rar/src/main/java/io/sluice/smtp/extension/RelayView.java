package io.sluice.smtp.extension;

/** What an extension may know about the relay's session with the mail server when passing a message on. */
public interface RelayView {

    /** Whether the mail server listed {@code keyword} in its (last) EHLO reply. */
    boolean offers(String keyword);

    /** Whether the session with the mail server is encrypted (STARTTLS done). */
    boolean tls();

    /** The size of the message being sent, or -1 when none is (a recipient probe). */
    long size();
}
