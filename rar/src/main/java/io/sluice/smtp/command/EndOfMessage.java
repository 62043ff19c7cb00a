package io.sluice.smtp.command;

import io.sluice.api.Decision;
import io.sluice.api.Phase;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.io.DataReader;
import io.sluice.smtp.io.Spool;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * The end of a message, however it came (DATA or BDAT ... LAST): content that broke a rule is
 * refused, the rest goes to the listener, whose reply the client gets.
 */
final class EndOfMessage {

    private static final Logger LOG = Logger.getLogger(EndOfMessage.class.getName());

    private EndOfMessage() {
    }

    /** Answers the end of the message: the listener's decision, or why the content was refused. */
    static void deliver(Session session, Transaction transaction, Spool spool, DataReader.Outcome outcome)
            throws IOException {
        if (outcome == DataReader.Outcome.COMPLETE) {
            spool.finish();
            Decision decision = session.decide(Phase.END_OF_DATA, l -> l.message(transaction, spool));
            session.answer(decision, Replies.queued(transaction.queueId()));
            return;
        }
        Reply reply = switch (outcome) {
            case COMPLETE -> throw new IllegalStateException("answered above");
            case BARE_LINE_ENDING -> Replies.BARE_LINE_ENDING_IN_DATA;
            case LINE_TOO_LONG -> Replies.TEXT_LINE_TOO_LONG;
            case TOO_LARGE -> Replies.MESSAGE_TOO_BIG;
        };
        LOG.info(() -> transaction.queueId() + ": refused from=<" + transaction.sender() + "> client="
                + transaction.client().address() + ": " + reply);
        session.reply(reply);
    }
}
