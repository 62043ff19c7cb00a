package io.sluice.smtp.command;

import io.sluice.api.Transaction;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.io.DataReader;
import io.sluice.smtp.io.Spool;
import io.sluice.smtp.io.TransferDeadline;

import java.io.IOException;

/**
 * DATA (RFC 5321 §4.1.1.4): receives the content into a spool and hands the finished message to the
 * listener, whose reply the client gets. Content that breaks a rule is read to its end and refused;
 * the listener never sees it. The transaction ends here whatever happens.
 */
public final class DataCommand implements CommandHandler<CommandHandler.NoArgument> {

    @Override
    public NoArgument parse(String argument, Session session) throws Refusal {
        return CommandHandler.noArgument(argument, "DATA");
    }

    @Override
    public void handle(Session session, NoArgument none) throws IOException {
        SmtpSettings settings = session.settings();
        Transaction transaction = session.transaction();
        try {
            // counted from the 354 on: set before it goes out, so the client's first octet is already inside it
            TransferDeadline deadline = TransferDeadline.after(settings.ticker(), settings.dataTotalTimeout());
            session.reply(Replies.START_DATA);
            session.flush();
            Spool spool = session.envelope().newSpool(settings);
            session.setReadTimeout(settings.dataBlockTimeout());
            DataReader.Outcome outcome = new DataReader(settings.maxMessageSize(), settings.maxTextLineLength())
                    .read(session.input(), spool, deadline);
            EndOfMessage.deliver(session, transaction, spool, outcome);
        } finally {
            session.endTransaction();
        }
    }
}
