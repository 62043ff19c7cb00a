package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/** EHLO (RFC 5321 §4.1.1.1): identifies the client and lists the extensions on offer now. */
public final class EhloCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) throws Refusal {
        if (argument.isEmpty()) {
            throw new Refusal(Replies.syntax("EHLO hostname"));
        }
        return argument;
    }

    @Override
    public void handle(Session session, String name) {
        if (session.greet(name, true)) {
            session.reply(session.host().ehlo(session));
        }
    }
}
