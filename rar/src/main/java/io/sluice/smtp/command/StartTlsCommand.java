package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

import java.io.IOException;

/** STARTTLS (RFC 3207): answers 220, then the session continues over TLS from scratch. */
public final class StartTlsCommand implements CommandHandler<CommandHandler.NoArgument> {

    @Override
    public NoArgument parse(String argument, Session session) throws Refusal {
        return CommandHandler.noArgument(argument, "STARTTLS");
    }

    @Override
    public void handle(Session session, NoArgument none) throws IOException {
        session.reply(Replies.READY_FOR_TLS);
        session.flush();
        session.startTls(); // a failed handshake ends the session: there is no going back to plain text
    }
}
