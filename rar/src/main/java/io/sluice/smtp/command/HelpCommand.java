package io.sluice.smtp.command;

import io.sluice.api.Reply;
import io.sluice.smtp.HostReplies;
import io.sluice.smtp.Session;

/** HELP (RFC 5321 §4.1.1.8): lists the commands. */
public final class HelpCommand implements CommandHandler {

    private Reply help;

    @Override
    public void handle(Session session, String argument) {
        if (help == null) {
            help = HostReplies.help(); // built on first use: the verb list is not complete while it is being built
        }
        session.reply(help);
    }
}
