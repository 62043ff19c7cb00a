package io.sluice.smtp.command;

import io.sluice.api.Recipient;
import io.sluice.api.RecipientDecision;
import io.sluice.api.Reply;
import io.sluice.smtp.DsnParameters;
import io.sluice.smtp.PathArgument;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): the listener decides about each syntactically valid recipient; the
 * recipient limit (§4.5.3.1.8) is enforced before asking it.
 */
public final class RcptCommand implements CommandHandler {

    private static final RecipientDecision FAILED = RecipientDecision.of(Replies.LOCAL_ERROR);

    @Override
    public void handle(Session session, String argument) {
        switch (session.state()) {
            case CONNECTED, GREETED -> {
                session.reply(Replies.NEED_MAIL);
                return;
            }
            default -> {
            }
        }
        PathArgument path;
        try {
            path = PathArgument.parse(argument, "TO:", false, true,
                    session.envelope().mailParameters().containsKey("SMTPUTF8"));
        } catch (PathArgument.Invalid e) {
            session.reply(switch (e.problem()) {
                case SYNTAX -> Replies.syntax("RCPT TO:<address>");
                case ADDRESS -> Replies.BAD_RECIPIENT;
                case NON_ASCII -> Replies.NON_ASCII_ADDRESS;
                case PARAMETER -> Replies.badParameter(e.getMessage());
            });
            return;
        }
        for (var p : path.parameters().entrySet()) {
            Reply refusal = DsnParameters.checkRcpt(p.getKey(), p.getValue());
            if (refusal != null) {
                session.reply(refusal);
                return;
            }
        }
        if (session.envelope().recipientCount() >= session.settings().maxRecipients()) {
            session.reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Recipient recipient = new Recipient(path.address(), path.parameters());
        RecipientDecision decision = session.ask("recipient check", l -> l.recipient(session.transaction(), recipient),
                FAILED);
        if (decision.reply().isPositive()) {
            session.envelope().addRecipient(recipient, decision.policy());
            session.recipientAccepted();
        }
        session.reply(decision.reply());
    }
}
