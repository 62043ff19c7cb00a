package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/**
 * VRFY (RFC 5321 §3.5.3): a gateway cannot verify users without revealing them, so it answers 252
 * as the RFC recommends; recipients are checked at RCPT instead.
 */
public final class VrfyCommand implements CommandHandler<String> {

    @Override
    public String parse(String argument, Session session) throws Refusal {
        if (argument.isEmpty()) {
            throw new Refusal(Replies.syntax("VRFY address"));
        }
        return argument;
    }

    @Override
    public void handle(Session session, String address) {
        session.reply(Replies.CANNOT_VRFY);
    }
}
