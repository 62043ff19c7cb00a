package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** HELO (RFC 5321 §4.1.1.1): identifies a client that does not use extensions. */
public final class HeloCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        if (argument.isEmpty()) {
            session.reply(Replies.syntax("HELO hostname"));
            return;
        }
        session.greet(argument, false);
        session.reply(session.host().helo());
    }
}
