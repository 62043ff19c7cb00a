package io.sluice.pipeline;

import io.sluice.api.Transaction;
import io.sluice.config.OnFailure;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.scan.Analysis;
import io.sluice.scan.Engines;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.ScanResult;
import io.sluice.scan.VirusHit;
import io.sluice.scan.engine.ClamdClient;
import io.sluice.scan.engine.EngineException;
import io.sluice.scan.engine.RspamdClient;
import io.sluice.scan.engine.SpamdClient;
import io.sluice.scan.spam.EmbeddedSpamScorer;
import io.sluice.scan.spam.SpamVerdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs the engines the settings select over one message: the embedded analysis always (it gives
 * the attachments and the text the policy's filters need, and the embedded virus verdict), clamd
 * if selected, and the selected spam engine unless the recipients' own allow lists name the sender. An engine that fails either defers the message
 * ({@link OnFailure#TEMPFAIL}) or is noted in the headers ({@link OnFailure#PASS}).
 */
@ApplicationScoped
public class ContentScanner {

    static final String EMBEDDED = "Sluice embedded engine";
    static final String CLAMD = "ClamAV clamd";
    private static final Logger LOG = Logger.getLogger(ContentScanner.class.getName());

    /** An engine failed and the settings say the message must wait for it. */
    static final class EngineUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        EngineUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Inject
    Engines engines;

    @Inject
    SettingsCache settings;

    ScanResult scan(Transaction tx, ReceivedMessage message) throws IOException, EngineUnavailable {
        RuntimeSettings s = settings.current();
        Analysis analysis = new MessageAnalyzer(s.scanning().limits(), engines.signatures()).analyze(message.content());
        List<VirusHit> viruses = new ArrayList<>();
        List<String> scannedBy = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        if (s.virus().engines().embedded()) {
            viruses.addAll(analysis.viruses());
            scannedBy.add(EMBEDDED);
        }
        if (s.virus().engines().clamd()) {
            try {
                ClamdClient.Result r = new ClamdClient(s.virus().clamdAddress(), s.scanning().engineTimeout(), s.virus().clamdStreamMax())
                        .scan(message.content());
                if (r.skipped() != null) {
                    notScanned.add("clamd: " + r.skipped());
                } else {
                    scannedBy.add(CLAMD);
                    if (r.virus() != null) {
                        viruses.add(new VirusHit(r.virus(), "", "clamd"));
                    }
                }
            } catch (EngineException e) {
                failed(tx, s.virus().onFailure(), e, notScanned);
            }
        }
        SpamVerdict spam = null;
        if (Boolean.TRUE.equals(tx.attributes().get(RcptPhase.SENDER_ALLOWED))) {
            LOG.fine(() -> tx.queueId() + ": no spam check, the recipients allow <" + tx.sender() + ">");
            return new ScanResult(analysis, viruses, null, scannedBy, notScanned);
        }
        try {
            spam = switch (s.spam().engine()) {
                case EMBEDDED -> new EmbeddedSpamScorer(engines.rules(), engines.bayes(), s.spam().bayesMinSpam(),
                        s.spam().bayesMinHam()).score(message, analysis);
                case SPAMD -> new SpamdClient(s.spam().spamdAddress(), s.scanning().engineTimeout()).score(message.content());
                case RSPAMD -> new RspamdClient(s.spam().rspamdAddress(), s.scanning().engineTimeout()).score(tx, message.content());
                case NONE -> null;
            };
        } catch (EngineException e) {
            failed(tx, s.spam().onFailure(), e, notScanned);
        }
        return new ScanResult(analysis, viruses, spam, scannedBy, notScanned);
    }

    private static void failed(Transaction tx, OnFailure onFailure, EngineException e, List<String> notScanned)
            throws EngineUnavailable {
        if (onFailure == OnFailure.TEMPFAIL) {
            throw new EngineUnavailable(e.getMessage(), e);
        }
        LOG.warning(() -> tx.queueId() + ": passed unscanned by a failed engine: " + e.getMessage());
        notScanned.add(e.getMessage());
    }
}
