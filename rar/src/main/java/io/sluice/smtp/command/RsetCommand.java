package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** RSET (RFC 5321 §4.1.1.5): abandons the open transaction; the client's identity stays. */
public final class RsetCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.syntax("RSET"));
            return;
        }
        session.endTransaction();
        session.reply(Replies.OK);
    }
}
