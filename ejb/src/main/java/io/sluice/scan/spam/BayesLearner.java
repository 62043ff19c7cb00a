package io.sluice.scan.spam;

import io.sluice.api.MessageContent;
import io.sluice.config.SettingsCache;
import io.sluice.scan.Analysis;
import io.sluice.scan.Engines;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.virus.Signatures;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teaches the Bayes classifier: the counts change in the database, and, once that committed, in
 * the in-memory model that scores messages. A message learned twice as the same counts once; a
 * message learned as the other class first has its earlier lesson taken back.
 */
@Stateless
@LocalBean
public class BayesLearner {

    /** What learning a message did. */
    public enum Outcome { LEARNED, ALREADY_LEARNED, RELEARNED }

    /** The result, and the classifier's totals after it. */
    public record Result(Outcome outcome, int tokens, long spamMessages, long hamMessages) {
    }

    /** The deltas one lesson applies; the in-memory model takes them after the commit. */
    public record Lesson(Set<String> tokens, long spam, long ham) {
    }

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Engines engines;

    @Inject
    SettingsCache settings;

    @Inject
    Event<Lesson> lessons;

    public Result learn(MessageContent message, boolean asSpam) throws IOException {
        Analysis analysis = new MessageAnalyzer(settings.current().scanning().limits(), Signatures.builtIn()).analyze(message);
        MessageHeaders headers = new MessageHeaders(message);
        Set<String> tokens = Tokenizer.tokens(new HeaderFacts(headers, message.size()), analysis);
        String key = key(headers, message);
        BayesLearned seen = em.find(BayesLearned.class, key);
        BayesState state = em.find(BayesState.class, 1);
        Outcome outcome;
        if (seen != null && seen.spam() == asSpam) {
            return new Result(Outcome.ALREADY_LEARNED, tokens.size(), state.spamMessages(), state.hamMessages());
        }
        long spam = asSpam ? 1 : 0;
        long ham = asSpam ? 0 : 1;
        if (seen != null) { // take back the earlier lesson in the same step
            spam += asSpam ? 0 : -1;
            ham += asSpam ? -1 : 0;
            seen.relearn(asSpam);
            outcome = Outcome.RELEARNED;
        } else {
            em.persist(new BayesLearned(key, asSpam));
            outcome = Outcome.LEARNED;
        }
        apply(tokens, spam, ham);
        state.add(spam, ham);
        lessons.fire(new Lesson(tokens, spam, ham));
        return new Result(outcome, tokens.size(), state.spamMessages(), state.hamMessages());
    }

    private void apply(Set<String> tokens, long spam, long ham) {
        List<String> all = new ArrayList<>(tokens);
        for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            Map<String, BayesToken> existing = new HashMap<>();
            em.createQuery("select t from BayesToken t where t.token in :tokens", BayesToken.class)
                    .setParameter("tokens", chunk).getResultStream().forEach(t -> existing.put(t.token(), t));
            for (String t : chunk) {
                BayesToken row = existing.get(t);
                if (row == null) {
                    row = new BayesToken(t);
                    em.persist(row);
                }
                row.add(spam, ham);
            }
        }
    }

    /** Applies a committed lesson to the model that scores messages. */
    public void taught(@Observes(during = TransactionPhase.AFTER_SUCCESS) Lesson lesson) {
        engines.bayes().apply(lesson.tokens(), lesson.spam(), lesson.ham());
    }

    /** Message-ID if there is one, else a digest of the whole message. */
    private static String key(MessageHeaders headers, MessageContent message) throws IOException {
        List<String> ids = headers.values("Message-ID");
        if (!ids.isEmpty() && !ids.get(0).isBlank()) {
            String id = ids.get(0).trim();
            return id.length() <= 200 ? id : id.substring(0, 200);
        }
        try (InputStream in = message.openStream()) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return "sha256:" + java.util.HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
