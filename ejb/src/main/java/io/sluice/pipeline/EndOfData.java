package io.sluice.pipeline;

import io.sluice.action.Disposition;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.PolicyRules;

import java.io.IOException;
import io.sluice.authresults.AuthenticationResults;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * One message at the end of data, as the steps of {@link EndOfDataPhase} pass it along: what
 * arrived and under which policy, what each step found or decided so far, and, once a step
 * settles it, the outcome and the reply the client gets. The steps after that are skipped;
 * recording and notifying always run.
 */
final class EndOfData {

    private static final Logger LOG = Logger.getLogger(EndOfData.class.getName());

    final Transaction tx;
    final ReceivedMessage message;
    final PolicyRules policy;
    final RuntimeSettings settings;
    final StageClock clock;

    /** The policy's decision (null until {@link Decide}, and for ever when the message could not be scanned). */
    Disposition disposition;
    /** Trace and verdict header fields put in front of every copy that leaves. */
    byte[] prefix = new byte[0];
    /** Header edits for the delivered copy: the gateway's own, then the policy's. */
    final List<ActionSpec> headerEdits = new ArrayList<>();
    /** The gateway's Authentication-Results: the checks' results, added as they are known. */
    final AuthenticationResults authResults;
    /** Whether Authentication-Results fields with the gateway's authserv-id arrived (they are removed). */
    boolean forgedAuthResults;
    /** The body as the policy changed it, or null. */
    RewrittenBody rewritten;
    /** Whether the original went to quarantine before a changed copy is delivered. */
    boolean originalHeld;
    /** The copy to deliver, header fields edited. */
    RelayedMessage outgoing;
    /** The message's DMARC aggregate report row, while reports are on and its domain asks for them; or null. */
    io.sluice.dmarc.report.ReportRow reportRow;

    /** A downstream session readied for this client while the steps run ({@link ReadyDownstream}), or null. */
    private io.sluice.api.RelayConnection downstreamSession;

    private Outcome outcome;
    private Reply reply;
    private String downstream;

    EndOfData(Transaction tx, MessageContent content, PolicyRules policy, RuntimeSettings settings, StageClock clock) {
        this.tx = tx;
        this.message = new ReceivedMessage(tx, content);
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.authResults = new AuthenticationResults(tx.client().serverName());
        // SPF's results are known since MAIL: they come first, the end of data's checks add theirs after
        StampHeaders.addSpf(tx, authResults);
    }

    /** Ends the processing: this is what happened to the message and what the client hears. */
    void settle(Outcome outcome, Reply reply, String downstream) {
        this.outcome = outcome;
        this.reply = reply;
        this.downstream = downstream;
    }

    boolean settled() {
        return outcome != null;
    }

    Outcome outcome() {
        return outcome;
    }

    Reply reply() {
        return reply;
    }

    String downstream() {
        return downstream;
    }

    /** The copy that is delivered: the changed body if the policy changed it, else the message as received. */
    MessageContent body() {
        return rewritten != null && rewritten.rewrite().changed() ? rewritten : message.content();
    }

    List<String> recipients() {
        return tx.recipients().stream().map(Recipient::address).toList();
    }

    /** Why the policy did what it did, in words: the rules that matched and the verdict. */
    String reason() {
        return (disposition == null || disposition.rules().isEmpty() ? "" : String.join(", ", disposition.rules()) + ": ")
                + VerdictHeaders.summary(message.scan(), policy);
    }

    String subject() {
        try {
            return message.headers().subject();
        } catch (RuntimeException e) {
            return "";
        }
    }

    void readied(io.sluice.api.RelayConnection session) {
        downstreamSession = session;
    }

    /** Takes the readied session's replies in as far as they came, so its next command can go. */
    void advanceDownstream() {
        if (downstreamSession != null) {
            downstreamSession.advance();
        }
    }

    /** The readied session, for the delivery, which then closes it; null if there is none. */
    io.sluice.api.RelayConnection takeDownstream() {
        io.sluice.api.RelayConnection s = downstreamSession;
        downstreamSession = null;
        return s;
    }

    /** Deletes the changed copy's spool file, if there is one, and returns a readied session nobody took. */
    void release() {
        io.sluice.api.RelayConnection unused = takeDownstream();
        if (unused != null) {
            unused.close();
        }
        if (rewritten != null) {
            try {
                rewritten.close();
            } catch (IOException e) {
                LOG.warning(() -> tx.queueId() + ": cannot delete the rewritten copy: " + e.getMessage());
            }
        }
    }
}
