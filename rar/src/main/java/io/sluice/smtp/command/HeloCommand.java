package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** HELO (RFC 5321 §4.1.1.1): identifies a client that does not use extensions. */
public final class HeloCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) throws Refusal {
        if (argument.isEmpty()) {
            throw new Refusal(Replies.syntax("HELO hostname"));
        }
        return argument;
    }

    @Override
    public void handle(Session session, String name) {
        if (session.greet(name, false)) {
            session.reply(session.host().helo());
        }
    }
}
