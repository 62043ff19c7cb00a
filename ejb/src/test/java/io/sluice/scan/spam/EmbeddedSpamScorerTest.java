package io.sluice.scan.spam;

import io.sluice.api.MessageContent;
import io.sluice.scan.Analysis;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.config.ScanLimits;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded scorer: its rules, GTUBE, and a Bayes classifier that learns. */
class EmbeddedSpamScorerTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    private static SpamVerdict score(EmbeddedSpamScorer scorer, String message) throws IOException {
        MessageContent c = Messages.inMemory(message);
        return scorer.score(Messages.facts(c), ANALYZER.analyze(c));
    }

    private static String message(String subject, String body) {
        return "From: someone@example.org\r\nTo: you@example.com\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Math.abs((subject + body).hashCode()) + "@example.org>\r\nSubject: " + subject
                + "\r\n\r\n" + body + "\r\n";
    }

    private final EmbeddedSpamScorer rulesOnly = new EmbeddedSpamScorer(SpamRules.defaults(), new BayesModel(), 200, 200);

    @Test
    void gtubeScores1000() throws IOException {
        SpamVerdict v = score(rulesOnly, message("test", "This is the GTUBE, the\r\n" + GTUBE + "\r\n"));
        assertEquals(1000.0, v.score());
        assertEquals(List.of(new SpamSymbol("GTUBE", 1000)), v.symbols());
    }

    @Test
    void anOrdinaryMessageScoresNothing() throws IOException {
        SpamVerdict v = score(rulesOnly, message("Lunch on Friday", "Shall we meet at noon? Regards, Ann"));
        assertEquals(0.0, v.score());
        assertEquals(List.of(), v.symbols());
    }

    @Test
    void rulesAddUpAndAreReportedHighestFirst() throws IOException {
        String spam = "Subject: FREE VIAGRA NOW!!!\r\n\r\n<html><body>Buy viagra, click here.</body></html>\r\n";
        SpamVerdict v = score(rulesOnly, "Content-Type: text/html\r\n" + spam);
        assertEquals("BODY_PHARMA,MISSING_FROM,MISSING_DATE,SUBJ_ALL_CAPS,SUBJ_EXCESS_PUNCT,SUBJ_FREE,"
                + "BODY_CLICK_HERE,HTML_ONLY,MISSING_MESSAGE_ID", v.symbolList());
        assertEquals(2.5 + 1.0 + 1.5 + 1.0 + 0.8 + 0.7 + 0.5 + 0.5 + 0.5, v.score(), 1e-9);
    }

    @Test
    void aBadRuleLineIsRefusedWithItsReason() {
        assertEquals("unknown place nowhere", assertThrows(IllegalArgumentException.class,
                () -> SpamRule.parse("X 1.0 nowhere abc")).getMessage());
        assertEquals("rule X needs a pattern", assertThrows(IllegalArgumentException.class,
                () -> SpamRule.parse("X 1.0 body")).getMessage());
    }

    @Test
    void bayesLearnsAndThenScores() throws IOException {
        BayesModel model = new BayesModel();
        EmbeddedSpamScorer scorer = new EmbeddedSpamScorer(SpamRules.defaults(), model, 50, 50);
        Random random = new Random(42);
        String[] spamWords = {"cheap", "replica", "watches", "discount", "offer", "limited", "luxury", "bargain", "deal"};
        String[] hamWords = {"meeting", "agenda", "project", "deadline", "review", "budget", "minutes", "report", "team"};
        String[] common = {"the", "and", "for", "you", "with", "this", "that", "have", "will", "from"};
        for (int i = 0; i < 60; i++) {
            learn(model, message("note " + i, text(random, spamWords, common)), true);
            learn(model, message("note " + i, text(random, hamWords, common)), false);
        }
        assertEquals(60, model.spamMessages());
        SpamVerdict spam = score(scorer, message("hello", "luxury replica watches at a discount, a limited offer"));
        SpamVerdict ham = score(scorer, message("hello", "the project review meeting and the budget report"));
        assertEquals("BAYES_99", spam.symbolList());
        assertEquals(3.5, spam.score());
        assertEquals("BAYES_00", ham.symbolList());
        assertEquals(-1.9, ham.score());
    }

    @Test
    void bayesIsSilentUntilItHasLearnedEnough() throws IOException {
        BayesModel model = new BayesModel();
        EmbeddedSpamScorer scorer = new EmbeddedSpamScorer(SpamRules.defaults(), model, 50, 50);
        learn(model, message("x", "luxury replica watches"), true);
        assertEquals(List.of(), score(scorer, message("x", "luxury replica watches")).symbols());
    }

    @Test
    void unlearningTakesBackWhatWasLearned() throws IOException {
        BayesModel model = new BayesModel();
        String m = message("x", "luxury replica watches");
        learn(model, m, true);
        int size = model.size();
        assertTrue(size > 0);
        MessageContent c = Messages.inMemory(m);
        model.apply(Tokenizer.tokens(Messages.facts(c), ANALYZER.analyze(c)), -1, 0);
        assertEquals(0, model.size());
        assertEquals(0, model.spamMessages());
    }

    @Test
    void chiSquareSurvival() {
        assertEquals(1.0, BayesModel.chi2Q(0, 4), 1e-12);
        assertEquals(Math.exp(-1) * 2, BayesModel.chi2Q(2, 4), 1e-12);
    }

    private static void learn(BayesModel model, String message, boolean spam) throws IOException {
        MessageContent c = Messages.inMemory(message);
        Analysis a = ANALYZER.analyze(c);
        model.apply(Tokenizer.tokens(Messages.facts(c), a), spam ? 1 : 0, spam ? 0 : 1);
    }

    private static String text(Random r, String[] topical, String[] common) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String[] from = r.nextInt(3) == 0 ? topical : common;
            sb.append(from[r.nextInt(from.length)]).append(' ');
        }
        return sb.toString();
    }
}
