package io.sluice.scan.spam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Bayes classifier has learned, in memory: for each token, in how many spam and ham
 * messages it was seen, and how many of each were learned. The database holds the same counts;
 * this is their copy for scoring without a query per message.
 *
 * <p>Scoring is Gary Robinson's: a smoothed probability per token, the 150 most telling tokens
 * combined with Fisher's chi-square method (as SpamBayes does).
 */
public final class BayesModel {

    private static final int MAX_CLUES = 150;
    private static final double STRENGTH = 0.45; // how much an unseen-ish token leans to 0.5
    private static final double UNKNOWN = 0.5;
    private static final double MIN_DISTANCE = 0.1;

    /** Counts of one token. */
    public record Counts(long spam, long ham) {
    }

    private final Map<String, Counts> tokens = new ConcurrentHashMap<>();
    private final AtomicLong spamMessages = new AtomicLong();
    private final AtomicLong hamMessages = new AtomicLong();

    /** Adds (or with negative counts, takes away) what one message taught. */
    public void apply(Collection<String> messageTokens, long spamDelta, long hamDelta) {
        for (String t : messageTokens) {
            tokens.merge(t, new Counts(spamDelta, hamDelta), (a, b) -> {
                Counts c = new Counts(Math.max(0, a.spam + b.spam), Math.max(0, a.ham + b.ham));
                return c.spam == 0 && c.ham == 0 ? null : c;
            });
        }
        spamMessages.addAndGet(spamDelta);
        hamMessages.addAndGet(hamDelta);
    }

    /** Replaces everything (at start, from the database). */
    public void load(Map<String, Counts> all, long spam, long ham) {
        tokens.clear();
        tokens.putAll(all);
        spamMessages.set(spam);
        hamMessages.set(ham);
    }

    public long spamMessages() {
        return spamMessages.get();
    }

    public long hamMessages() {
        return hamMessages.get();
    }

    public int size() {
        return tokens.size();
    }

    /** The spam probability of a message with these tokens, from 0 (ham) to 1 (spam). */
    public double spamProbability(Collection<String> messageTokens) {
        double nspam = Math.max(1, spamMessages.get());
        double nham = Math.max(1, hamMessages.get());
        List<Double> clues = new ArrayList<>();
        for (String t : messageTokens) {
            Counts c = tokens.get(t);
            if (c == null) {
                continue;
            }
            double spamRatio = c.spam / nspam;
            double hamRatio = c.ham / nham;
            double p = spamRatio / (spamRatio + hamRatio);
            double n = c.spam + c.ham;
            double f = (STRENGTH * UNKNOWN + n * p) / (STRENGTH + n);
            if (Math.abs(f - 0.5) >= MIN_DISTANCE) {
                clues.add(Math.min(0.99, Math.max(0.01, f)));
            }
        }
        if (clues.isEmpty()) {
            return 0.5;
        }
        clues.sort((a, b) -> Double.compare(Math.abs(b - 0.5), Math.abs(a - 0.5)));
        List<Double> used = clues.subList(0, Math.min(MAX_CLUES, clues.size()));
        double lnSpam = 0;
        double lnHam = 0;
        for (double f : used) {
            lnHam += Math.log(f);
            lnSpam += Math.log(1 - f);
        }
        int n = used.size();
        double s = 1 - chi2Q(-2 * lnSpam, 2 * n);
        double h = 1 - chi2Q(-2 * lnHam, 2 * n);
        return (s - h + 1) / 2;
    }

    /** The chi-square survival function for an even number of degrees of freedom. */
    static double chi2Q(double x2, int v) {
        double m = x2 / 2;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < v / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }

    /**
     * The SpamAssassin-style symbol for a probability: BAYES_00 (surely ham) to BAYES_99 (surely
     * spam), with SpamAssassin's default scores.
     */
    public static SpamSymbol symbol(double p) {
        if (p < 0.01) {
            return new SpamSymbol("BAYES_00", -1.9);
        }
        if (p < 0.05) {
            return new SpamSymbol("BAYES_05", -0.5);
        }
        if (p < 0.2) {
            return new SpamSymbol("BAYES_20", -0.001);
        }
        if (p < 0.4) {
            return new SpamSymbol("BAYES_40", -0.001);
        }
        if (p < 0.6) {
            return new SpamSymbol("BAYES_50", 0.8);
        }
        if (p < 0.8) {
            return new SpamSymbol("BAYES_60", 1.5);
        }
        if (p < 0.95) {
            return new SpamSymbol("BAYES_80", 2.0);
        }
        if (p < 0.99) {
            return new SpamSymbol("BAYES_95", 3.0);
        }
        return new SpamSymbol("BAYES_99", 3.5);
    }
}
