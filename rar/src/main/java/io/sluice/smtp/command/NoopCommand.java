package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** NOOP (RFC 5321 §4.1.1.9): any argument is ignored. */
public final class NoopCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) {
        return argument;
    }

    @Override
    public void handle(Session session, String argument) {
        session.reply(Replies.OK);
    }
}
