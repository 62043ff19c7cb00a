package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The spam scorer that needs nothing installed: the weighted rules, plus the Bayes classifier once
 * it has learned enough spam and ham to be trusted (SpamAssassin waits for 200 of each).
 */
public final class EmbeddedSpamScorer {

    private final SpamRules rules;
    private final BayesModel bayes;
    private final long minSpam;
    private final long minHam;

    public EmbeddedSpamScorer(SpamRules rules, BayesModel bayes, long minSpam, long minHam) {
        this.rules = rules;
        this.bayes = bayes;
        this.minSpam = minSpam;
        this.minHam = minHam;
    }

    public SpamVerdict score(MessageFacts facts, Analysis analysis) {
        List<SpamSymbol> symbols = new ArrayList<>(rules.fire(facts, analysis));
        if (bayes.spamMessages() >= minSpam && bayes.hamMessages() >= minHam) {
            symbols.add(BayesModel.symbol(bayes.spamProbability(Tokenizer.tokens(facts, analysis))));
        }
        double score = 0;
        for (SpamSymbol s : symbols) {
            score += s.score();
        }
        return new SpamVerdict(Math.round(score * 1000) / 1000.0, symbols, "embedded");
    }
}
