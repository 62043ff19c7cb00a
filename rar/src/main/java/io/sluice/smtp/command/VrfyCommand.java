package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/**
 * VRFY (RFC 5321 §3.5.3): a gateway cannot verify users without revealing them, so it answers 252
 * as the RFC recommends; recipients are checked at RCPT instead.
 */
public final class VrfyCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        session.reply(argument.isEmpty() ? Replies.syntax("VRFY address") : Replies.CANNOT_VRFY);
    }
}
