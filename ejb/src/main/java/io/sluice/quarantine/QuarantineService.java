package io.sluice.quarantine;

import io.sluice.api.MessageContent;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.config.SettingsCache;
import io.sluice.manage.Checks;
import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.pipeline.Downstream;
import io.sluice.scan.Analysis;
import io.sluice.scan.Contents;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.spam.BayesLearner;
import io.sluice.scan.virus.Signatures;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeUtility;
import jakarta.resource.ResourceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an administrator does with the quarantine: search, look, download, release, delete.
 * A release is exactly once: only the caller whose claim turned the entry from HELD to RELEASING
 * relays it; a second release, concurrent or later, is refused with a conflict.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QuarantineService {

    private static final Logger LOG = Logger.getLogger(QuarantineService.class.getName());
    /** At most this many entries per bulk operation; the caller repeats it for more. */
    public static final int BULK_LIMIT = 1000;

    @Inject
    QuarantineStore store;

    @Inject
    Downstream downstream;

    @Inject
    BayesLearner learner;

    @Inject
    SettingsCache settings;

    /** The outcome of releasing one message. */
    @JsonbPropertyOrder({"queueId", "state", "reply", "learned"})
    public record Released(String queueId, QuarantineState state, String reply, boolean learned) {
    }

    /** The outcome of a bulk operation: what was done and what failed, with why. */
    @JsonbPropertyOrder({"matched", "done", "failed"})
    public record Bulk(int matched, List<String> done, Map<String, String> failed) {
    }

    public Page<QuarantinedMessage> search(QuarantineQuery q, int page, int size) {
        return store.search(q, Checks.page(page), Checks.size(size));
    }

    public QuarantinedMessage get(String queueId) {
        return store.find(queueId).orElseThrow(() -> new ManageException.NotFound("quarantined message " + queueId));
    }

    /** The stored octets, for download as .eml. */
    public StoredMessage raw(String queueId) {
        return store.content(get(queueId));
    }

    /** Headers and text, reduced to plain text; attachments only by name. */
    public QuarantineView view(String queueId) throws IOException {
        QuarantinedMessage m = get(queueId);
        Path copy = Files.createTempFile("sluice-view-", ".eml");
        try {
            try (InputStream in = store.content(m).openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            MessageContent content = Contents.file(copy);
            Analysis a = new MessageAnalyzer(settings.current().limits(), Signatures.builtIn()).analyze(content);
            List<QuarantineView.Header> headers = new ArrayList<>();
            for (Header h : Collections.list(new MessageHeaders(content).parsed().getAllHeaders())) {
                headers.add(new QuarantineView.Header(h.getName(), decoded(h.getValue())));
            }
            return new QuarantineView(m, headers,
                    a.texts().stream().map(t -> new QuarantineView.Text(t.contentType(), t.text())).toList(),
                    a.attachments().stream().map(t -> new QuarantineView.AttachmentInfo(t.name(), t.declaredType(),
                            t.detectedType(), t.size())).toList());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Relays the message to its recipients through the pool, once.
     *
     * @throws ManageException.Conflict    it is released already, or being released right now
     * @throws ManageException.Unavailable the downstream refused it or could not be reached; it stays held
     */
    public Released release(String queueId, boolean learnAsHam, String by) {
        QuarantinedMessage m = get(queueId);
        if (!store.claim(queueId, by)) {
            QuarantineState now = store.find(queueId).map(QuarantinedMessage::state).orElse(null);
            if (now == null) {
                throw new ManageException.NotFound("quarantined message " + queueId);
            }
            throw new ManageException.Conflict("quarantined message " + queueId
                    + (now == QuarantineState.RELEASED ? " is released already" : " is being released right now"));
        }
        Map<String, String> parameters = new HashMap<>();
        String body = store.bodyType(queueId);
        if (body != null) {
            parameters.put("BODY", body);
        }
        RelayEnvelope envelope = new RelayEnvelope(m.sender(), m.recipients(), parameters);
        String failure;
        try {
            RelayResult r = downstream.call(queueId, c -> c.send(envelope, store.content(m)));
            if (r.delivered()) {
                store.released(queueId, r.finalReply().toString());
                LOG.info(() -> queueId + ": released from quarantine by " + by + " to=" + m.recipients() + " ("
                        + r.finalReply() + ")");
                return new Released(queueId, QuarantineState.RELEASED, r.finalReply().toString(),
                        learnAsHam && learn(m));
            }
            failure = "the downstream refused it: " + r.refusal();
        } catch (ResourceException | RelayException e) {
            failure = "the downstream is unavailable: " + e.getMessage();
        } catch (RuntimeException e) {
            store.unclaim(queueId, e.toString());
            throw e;
        }
        store.unclaim(queueId, failure);
        String why = failure;
        LOG.warning(() -> queueId + ": release failed, still held: " + why);
        throw new ManageException.Unavailable("quarantined message " + queueId + " was not released, " + failure);
    }

    public void delete(String queueId) {
        get(queueId);
        if (!store.delete(queueId)) {
            throw new ManageException.Conflict("quarantined message " + queueId + " is being released right now");
        }
        LOG.info(() -> queueId + ": deleted from quarantine");
    }

    /** Releases what the query matches (held messages only), up to {@link #BULK_LIMIT}. */
    public Bulk releaseAll(QuarantineQuery q, boolean learnAsHam, String by) {
        QuarantineQuery held = new QuarantineQuery(q.sender(), q.recipient(), q.subject(), q.reason(), q.policy(),
                QuarantineState.HELD, q.from(), q.until());
        return each(held, id -> release(id, learnAsHam, by));
    }

    /** Deletes what the query matches, up to {@link #BULK_LIMIT}. */
    public Bulk deleteAll(QuarantineQuery q) {
        return each(q, this::delete);
    }

    private Bulk each(QuarantineQuery q, java.util.function.Consumer<String> operation) {
        List<String> ids = store.ids(q, BULK_LIMIT);
        List<String> done = new ArrayList<>();
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            try {
                operation.accept(id);
                done.add(id);
            } catch (ManageException e) {
                failed.put(id, e.getMessage());
            }
        }
        return new Bulk(ids.size(), done, failed);
    }

    private boolean learn(QuarantinedMessage m) {
        try {
            learner.learn(store.content(m), false);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, m.queueId() + ": released, but learning it as ham failed", e);
            return false;
        }
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException | RuntimeException e) {
            return MimeUtility.unfold(value);
        }
    }
}
