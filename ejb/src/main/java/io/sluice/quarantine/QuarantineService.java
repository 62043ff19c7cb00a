package io.sluice.quarantine;

import io.sluice.api.MessageContent;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.config.SettingsCache;
import io.sluice.manage.Checks;
import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.mime.EncodedWords;
import io.sluice.downstream.Downstream;
import io.sluice.scan.Analysis;
import io.sluice.scan.Contents;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.spam.BayesLearner;
import io.sluice.scan.virus.Signatures;
import io.sluice.security.Scope;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.mail.Header;
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
 * relays it; a second release, concurrent or later, is refused with a conflict. One that may have
 * reached the mail server without saying so is never sent again unless an administrator asks
 * (see {@link QuarantineState}).
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

    /** What the query matches, each entry as the query's scope may see it. */
    public Page<QuarantinedMessage> search(QuarantineQuery q, int page, int size) {
        Page<QuarantinedMessage> found = store.search(q, Checks.page(page), Checks.size(size));
        return new Page<>(found.items().stream().map(m -> m.narrowedTo(q.scope())).toList(), found.page(),
                found.size(), found.total());
    }

    /** The entry as the scope may see it; one held for no recipient within the scope does not exist for it. */
    public QuarantinedMessage get(String queueId, Scope scope) {
        return store.find(queueId).filter(m -> m.recipients().stream().anyMatch(scope::covers))
                .map(m -> m.narrowedTo(scope))
                .orElseThrow(() -> new ManageException.NotFound("quarantined message " + queueId));
    }

    /** The stored octets, for download as .eml. */
    public StoredMessage raw(String queueId, Scope scope) {
        return store.content(get(queueId, scope));
    }

    /** Headers and text, reduced to plain text; attachments only by name. */
    public QuarantineView view(String queueId, Scope scope) throws IOException {
        QuarantinedMessage m = get(queueId, scope);
        Path copy = Files.createTempFile("sluice-view-", ".eml");
        try {
            try (InputStream in = store.content(m).openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            MessageContent content = Contents.file(copy);
            Analysis a = new MessageAnalyzer(settings.current().scanning().limits(), Signatures.builtIn()).analyze(content);
            List<QuarantineView.Header> headers = new ArrayList<>();
            for (Header h : Collections.list(new MessageHeaders(content).parsed().getAllHeaders())) {
                headers.add(new QuarantineView.Header(h.getName(), EncodedWords.decode(h.getValue())));
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
     * Relays the message through the pool, once, to its recipients within the scope that it was not
     * released to yet. Only the attempt that claimed it settles it: RELEASED when it has gone to
     * every recipient, HELD again for the others otherwise, and HELD again as before when the mail
     * server refused it or cannot have received it whole; RELEASE_UNCERTAIN when it went out whole
     * and no answer came.
     *
     * @param again release a RELEASE_UNCERTAIN message too, knowing the mail server may have it already
     *              (only with the whole quarantine in scope)
     * @throws ManageException.Conflict    released already, being released, or uncertain and not {@code again}
     * @throws ManageException.Unavailable the mail server refused it or was not reached; it is held again
     * @throws ReleaseUncertain            it went out and no answer came; it is RELEASE_UNCERTAIN now
     */
    public Released release(String queueId, boolean learnAsHam, String by, boolean again, Scope scope) {
        if (!scope.everything() && (again || learnAsHam)) {
            throw new ManageException.Forbidden("only an administrator may " + (again ? "release an uncertain "
                    + "release again" : "teach the classifier"));
        }
        QuarantinedMessage m = get(queueId, scope);
        if (store.find(queueId).orElseThrow().unreleasedWithin(scope).isEmpty()) {
            throw releasedAlready(queueId);
        }
        String token = store.claim(queueId, by, again);
        if (token == null) {
            throw notClaimed(queueId);
        }
        // read again under the claim: a release to these recipients that ended just before must not go twice
        QuarantinedMessage claimed = store.find(queueId).orElseThrow();
        List<String> to = claimed.unreleasedWithin(scope);
        if (to.isEmpty()) {
            store.unclaim(queueId, token, m.releaseReply());
            throw releasedAlready(queueId);
        }
        RelayEnvelope envelope = envelope(m, to);
        Outgoing content = new Outgoing(store.content(m));
        RelayResult r;
        try {
            r = downstream.call(queueId, c -> c.send(envelope, content));
        } catch (ResourceException | RelayException | RuntimeException e) {
            if (content.sentWhole()) {
                throw uncertain(queueId, token, "the connection failed after the message was sent: "
                        + e.getMessage(), e);
            }
            ManageException.Unavailable held = heldAgain(queueId, token, (e instanceof ResourceException
                    ? "the mail server cannot be reached: " : "the relay failed before the message was sent whole: ")
                    + e.getMessage());
            if (e instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw held;
        }
        if (!r.delivered()) {
            if (r.refusal() == null && content.sentWhole()) {
                throw uncertain(queueId, token, "the mail server gave no answer to the message", null);
            }
            throw heldAgain(queueId, token, "the mail server refused it: " + r.refusal());
        }
        String reply = r.finalReply().toString();
        try {
            if (!store.released(queueId, token, reply, to)) {
                LOG.warning(() -> queueId + ": released (" + reply + "), but the entry was settled otherwise "
                        + "meanwhile");
            }
        } catch (RuntimeException e) {
            LOG.severe(() -> queueId + ": the mail server took it (" + reply + "), but recording that failed; "
                    + "it will show as " + QuarantineState.RELEASE_UNCERTAIN);
            throw e;
        }
        LOG.info(() -> queueId + ": released from quarantine by " + by + (again ? " again" : "") + " to=" + to
                + " (" + reply + ")");
        QuarantineState now = get(queueId, scope).state();
        return new Released(queueId, now, reply, learnAsHam && learn(m));
    }

    /**
     * For a message whose release is uncertain: the administrator found it in the mail server's log,
     * so it counts as released and is never sent again.
     */
    public QuarantinedMessage markReleased(String queueId, String by) {
        QuarantinedMessage m = get(queueId, Scope.EVERYTHING);
        String reply = "marked released by " + by + "; the release had ended with: " + m.releaseReply();
        if (!store.markReleased(queueId, by, reply)) {
            QuarantineState now = get(queueId, Scope.EVERYTHING).state();
            throw new ManageException.Conflict("quarantined message " + queueId + " is " + now + ": only a message "
                    + "in " + QuarantineState.RELEASE_UNCERTAIN + " can be marked released");
        }
        LOG.info(() -> queueId + ": marked released by " + by);
        return get(queueId, Scope.EVERYTHING);
    }

    private RelayEnvelope envelope(QuarantinedMessage m, List<String> to) {
        Map<String, String> parameters = new HashMap<>();
        String body = store.bodyType(m.queueId());
        if (body != null) {
            parameters.put("BODY", body);
        }
        return new RelayEnvelope(m.sender(), to, parameters);
    }

    private static ManageException releasedAlready(String queueId) {
        return new ManageException.Conflict("quarantined message " + queueId + " is released already");
    }

    /** Why a release could not claim the message. */
    private ManageException notClaimed(String queueId) {
        QuarantineState now = store.find(queueId).map(QuarantinedMessage::state).orElse(null);
        if (now == null) {
            return new ManageException.NotFound("quarantined message " + queueId);
        }
        String why = switch (now) {
            case RELEASED -> " is released already";
            case RELEASE_UNCERTAIN -> " may have reached the mail server already: its last release ended without "
                    + "an answer. Look for it in the mail server's log, then mark it released, or release it again "
                    + "with again=true";
            case RELEASING, HELD -> " is being released right now";
        };
        return new ManageException.Conflict("quarantined message " + queueId + why);
    }

    private ManageException.Unavailable heldAgain(String queueId, String token, String why) {
        if (!store.unclaim(queueId, token, why)) {
            LOG.warning(() -> queueId + ": release failed (" + why + "), and the entry was settled otherwise "
                    + "meanwhile");
        } else {
            LOG.warning(() -> queueId + ": release failed, held again: " + why);
        }
        return new ManageException.Unavailable("quarantined message " + queueId + " was not released, " + why);
    }

    private ReleaseUncertain uncertain(String queueId, String token, String why, Throwable cause) {
        store.uncertain(queueId, token, why);
        LOG.warning(() -> queueId + ": release uncertain, the mail server may have taken it: " + why);
        return new ReleaseUncertain("quarantined message " + queueId + " may have reached the mail server: " + why
                + ". It is " + QuarantineState.RELEASE_UNCERTAIN + ": look for it in the mail server's log, then mark "
                + "it released, or release it again with again=true", cause);
    }

    /** Deletes the entry, or with a narrower scope takes it away from the recipients within it. */
    public void delete(String queueId, Scope scope) {
        get(queueId, scope);
        if (!(scope.everything() ? store.delete(queueId) : store.deleteFor(queueId, scope))) {
            throw new ManageException.Conflict("quarantined message " + queueId + " is being released right now");
        }
        LOG.info(() -> queueId + ": deleted from quarantine" + (scope.everything() ? "" : " for " + scope));
    }

    /** Releases what the query matches (held messages only), up to {@link #BULK_LIMIT}. */
    public Bulk releaseAll(QuarantineQuery q, boolean learnAsHam, String by) {
        return each(q.held(), id -> release(id, learnAsHam, by, false, q.scope()));
    }

    /** Deletes what the query matches, up to {@link #BULK_LIMIT}. */
    public Bulk deleteAll(QuarantineQuery q) {
        return each(q, id -> delete(id, q.scope()));
    }

    private Bulk each(QuarantineQuery q, java.util.function.Consumer<String> operation) {
        List<String> ids = store.ids(q, BULK_LIMIT);
        List<String> done = new ArrayList<>();
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            try {
                operation.accept(id);
                done.add(id);
            } catch (ManageException | ReleaseUncertain e) {
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
}
