package io.sluice.smtp.command;

import io.sluice.api.Recipient;
import io.sluice.api.Decision;
import io.sluice.api.Phase;
import io.sluice.api.Reply;
import io.sluice.smtp.PathArgument;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.extension.Extensions;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): the listener decides about each syntactically valid recipient; the
 * recipient limit (§4.5.3.1.8) is enforced before asking it.
 */
public final class RcptCommand implements CommandHandler<Recipient> {

    @Override
    public Recipient parse(String argument, Session session) throws Refusal {
        PathArgument path;
        try {
            path = PathArgument.parse(argument, "TO:", false, true, session.envelope().parameters().smtpUtf8());
        } catch (PathArgument.Invalid e) {
            throw new Refusal(switch (e.problem()) {
                case SYNTAX -> Replies.syntax("RCPT TO:<address>");
                case ADDRESS -> Replies.BAD_RECIPIENT;
                case NON_ASCII -> Replies.NON_ASCII_ADDRESS;
                case PARAMETER -> Replies.badParameter(e.getMessage());
            });
        }
        Reply refusal = Extensions.checkRcpt(path.parameters());
        if (refusal != null) {
            throw new Refusal(refusal);
        }
        return new Recipient(path.address(), path.parameters());
    }

    @Override
    public void handle(Session session, Recipient recipient) {
        if (session.envelope().recipientCount() >= session.settings().maxRecipients()) {
            session.reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Decision decision = session.decide(Phase.RCPT, l -> l.recipient(session.transaction(), recipient));
        if (decision.accepted()) {
            session.envelope().addRecipient(recipient, decision.attributes());
            session.recipientAccepted();
        }
        session.answer(decision, Replies.RECIPIENT_OK);
    }
}
