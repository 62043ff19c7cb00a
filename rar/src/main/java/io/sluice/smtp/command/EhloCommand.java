package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** EHLO (RFC 5321 §4.1.1.1): identifies the client and lists the extensions. */
public final class EhloCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        if (argument.isEmpty()) {
            session.reply(Replies.syntax("EHLO hostname"));
            return;
        }
        session.greet(argument, true);
        session.reply(session.host().ehlo(session.tlsOffered(), session.authOffered(), session.smtpUtf8Offered(),
                session.binaryMimeOffered()));
    }
}
