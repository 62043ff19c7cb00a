package io.sluice.pipeline;

import io.sluice.pipeline.MessageLedger.Outcome;

import java.io.IOException;
import java.util.logging.Logger;

/** Scans the message for viruses and spam; without a verdict it is deferred, never delivered unscanned. */
final class Analyse implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(Analyse.class.getName());

    private final ContentScanner scanner;

    Analyse(ContentScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public void apply(EndOfData m) {
        try {
            m.message.attach(scanner.scan(m.tx, m.message));
            m.clock.scanned();
        } catch (ContentScanner.EngineUnavailable | IOException e) {
            LOG.warning(() -> m.tx.queueId() + ": not scanned: " + e.getMessage());
            m.settle(Outcome.DEFERRED, GatewayReplies.NOT_SCANNED, null);
        }
    }
}
