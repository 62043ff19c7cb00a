package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** QUIT (RFC 5321 §4.1.1.10): says goodbye; the session closes the connection after the reply. */
public final class QuitCommand implements CommandHandler<CommandHandler.NoArgument> {

    @Override
    public NoArgument parse(String argument, Session session) throws Refusal {
        return CommandHandler.noArgument(argument, "QUIT");
    }

    @Override
    public void handle(Session session, NoArgument none) {
        session.reply(Replies.BYE);
        session.quit();
    }
}
