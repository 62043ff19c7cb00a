package io.sluice.smtp.extension;

import io.sluice.smtp.SmtpSettings;

/** What an extension may know about the session it is offered in. */
public interface SessionView {

    SmtpSettings settings();

    /** Whether STARTTLS is done: the session is encrypted. */
    boolean tlsActive();

    /** Whether the client has authenticated. */
    boolean authenticated();

    /** Whether the mail server behind listed {@code keyword} in EHLO when the connection was taken. */
    boolean mailServerOffers(String keyword);

    /** Whether the extension with EHLO keyword {@code keyword} is on offer in this session now. */
    boolean offers(String keyword);
}
