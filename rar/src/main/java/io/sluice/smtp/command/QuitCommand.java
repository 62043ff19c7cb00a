package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** QUIT (RFC 5321 §4.1.1.10): says goodbye; the session closes the connection after the reply. */
public final class QuitCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.syntax("QUIT"));
            return;
        }
        session.reply(Replies.BYE);
        session.quit();
    }
}
