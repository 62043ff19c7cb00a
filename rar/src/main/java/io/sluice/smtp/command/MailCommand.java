package io.sluice.smtp.command;

import io.sluice.api.MailParameters;
import io.sluice.smtp.PathArgument;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.extension.Extensions;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2): opens a transaction. Each parameter is checked by the extension
 * that defines it, so an oversized declared SIZE, say, is refused before the message is sent.
 */
public final class MailCommand implements CommandHandler<MailCommand.MailFrom> {

    /** MAIL's argument: the reverse-path (empty for the null sender) and its typed parameters. */
    public record MailFrom(String sender, MailParameters parameters) {
    }

    @Override
    public MailFrom parse(String argument, Session session) throws Refusal {
        PathArgument path;
        try {
            path = PathArgument.parse(argument, "FROM:", true, false);
        } catch (PathArgument.Invalid e) {
            throw new Refusal(switch (e.problem()) {
                case SYNTAX -> Replies.syntax("MAIL FROM:<address>");
                case ADDRESS -> Replies.BAD_SENDER;
                case NON_ASCII -> Replies.NON_ASCII_ADDRESS;
                case PARAMETER -> Replies.badParameter(e.getMessage());
            });
        }
        return new MailFrom(path.address(), Extensions.acceptMail(path.parameters(), session));
    }

    @Override
    public void handle(Session session, MailFrom mail) {
        session.beginTransaction(mail.sender(), mail.parameters());
    }
}
