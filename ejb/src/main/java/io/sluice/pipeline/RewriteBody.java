package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.action.MessageRewriter;
import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.policy.ActionSpec;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Strips the attachments and adds the disclaimers the policy asks for, into a copy on the spool.
 * A message with a stripped attachment is first kept whole in quarantine, so nothing is lost;
 * signed or encrypted parts are left as they are and say so in a header field.
 */
final class RewriteBody implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(RewriteBody.class.getName());

    private final QuarantineHold quarantine;

    RewriteBody(QuarantineHold quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void apply(EndOfData m) {
        Disposition d = m.disposition;
        if (!d.rewritesBody()) {
            return;
        }
        try {
            m.rewritten = RewrittenBody.of(m.message.content(), new MessageRewriter(d.strips(), d.disclaimers(),
                    name -> notice(name, m.tx.queueId()), m.settings.scanning().limits()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, m.tx.queueId() + ": cannot rewrite the message", e);
            m.settle(Outcome.DEFERRED, GatewayReplies.NOT_REWRITTEN, null);
            return;
        }
        MessageRewriter.Rewrite r = m.rewritten.rewrite();
        if (!r.untouched().isEmpty()) {
            m.headerEdits.add(ActionSpec.addHeader(m.settings.header("Sluice-Unmodified"),
                    String.join(", ", r.untouched()) + " (signed or encrypted: left as it was)"));
        }
        if (!r.stripped().isEmpty()) {
            m.originalHeld = quarantine.hold(m, "attachment stripped: " + String.join(", ", r.stripped()));
            if (!m.originalHeld) {
                m.settle(Outcome.DEFERRED, GatewayReplies.NOT_STORED, null);
            }
        }
    }

    static String notice(String fileName, String queueId) {
        return "The attachment \"" + fileName + "\" was removed from this message by the mail gateway's policy.\r\n"
                + "The original message is kept in quarantine as " + queueId
                + "; ask your administrator if you need it.\r\n";
    }
}
