package io.sluice.smtp.command;

import io.sluice.api.Reply;
import io.sluice.smtp.HostReplies;
import io.sluice.smtp.Session;
import io.sluice.smtp.TlsMode;

/** HELP (RFC 5321 §4.1.1.8): lists the commands. */
public final class HelpCommand implements CommandHandler {

    private Reply withStartTls;
    private Reply withoutStartTls;

    @Override
    public void handle(Session session, String argument) {
        // built on first use: the verb list is not complete while it is being built
        if (session.settings().tlsMode() == TlsMode.OFF) {
            if (withoutStartTls == null) {
                withoutStartTls = HostReplies.help(false);
            }
            session.reply(withoutStartTls);
        } else {
            if (withStartTls == null) {
                withStartTls = HostReplies.help(true);
            }
            session.reply(withStartTls);
        }
    }
}
