package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** EXPN (RFC 5321 §3.5.3): known but not offered; a gateway does not expand lists for strangers. */
public final class ExpnCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) {
        return argument;
    }

    @Override
    public void handle(Session session, String argument) {
        session.reply(Replies.NOT_IMPLEMENTED);
    }
}
