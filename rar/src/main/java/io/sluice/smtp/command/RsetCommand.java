package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** RSET (RFC 5321 §4.1.1.5): abandons the open transaction; the client's identity stays. */
public final class RsetCommand implements CommandHandler<CommandHandler.NoArgument> {

    @Override
    public NoArgument parse(String argument, Session session) throws Refusal {
        return CommandHandler.noArgument(argument, "RSET");
    }

    @Override
    public void handle(Session session, NoArgument none) {
        session.endTransaction();
        session.reply(Replies.OK);
    }
}
