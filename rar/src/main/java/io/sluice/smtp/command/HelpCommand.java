package io.sluice.smtp.command;

import io.sluice.smtp.HostReplies;
import io.sluice.smtp.Session;

/** HELP (RFC 5321 §4.1.1.8): lists the commands; any argument is ignored. */
public final class HelpCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) {
        return argument;
    }

    @Override
    public void handle(Session session, String argument) {
        session.reply(HostReplies.help(session.settings()));
    }
}
