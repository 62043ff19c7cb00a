package io.sluice.scan.spam;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule set compiled into one matcher fires exactly the rules that checking them one by one
 * fires, on a varied corpus: every shipped rule, local rules of each kind, words in every case,
 * across lines and parts, and the characters whose lower case is not one char for one.
 */
class SpamRulesCompiledTest {

    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());
    private static final String GTUBE = EmbeddedSpamScorerTest.GTUBE;
    private static final int MANY = 200;

    /** Local rules beside the shipped ones: a case-sensitive literal, one with quoted metacharacters, others. */
    private static final String LOCAL = """
            LOCAL_LITERAL       1.0  body  Limited Offer
            LOCAL_QUOTED        1.0  body  price\\: \\$5\\.00 \\(today\\)
            LOCAL_UNICODE       1.0  body  Gr\u00fc\u00dfe aus K\u00f6ln
            LOCAL_TRIGGERS      1.0  body  (?i)\\b(sale|discount|k\u0131l)\\b.{0,20}\\b(today|now)\\b
            LOCAL_OVERLAP       1.0  body  (?i)(sale|ale|les)
            LOCAL_CLASS         1.0  body  [0-9]{3}-[0-9]{4}
            LOCAL_ANCHORED      1.0  body  ^Dear
            """;

    private static final String[] PIECES = {"viagra", "VIAGRA", "Cialis", "you have won", "winner", "the lottery", "prize",
            "next of kin", "inheritance", "million", "USD", "verify your account", "Account has been suspended", "click here",
            "Click Below", "100% free", "risk-free", "risk free", "no obligation", "bitcoin", "BTC", "double", "guaranteed return",
            "work from home", "to unsubscribe", "Limited Offer", "limited offer", "price: $5.00 (today)", "Gr\u00fc\u00dfe aus K\u00f6ln",
            "sale", "SALE", "Discount", "word7", "OTHER42", "word63x", "today", "now", "sales", "555-1234", "Dear", "\u0130", "\u212a", "\u017f", "\u0131", "k\u0131l",
            "account has been \u017fu\u017fpended", "next of \u212ain", "CLIC\u212a HERE", "to un\u017fub\u017fcribe",
            GTUBE, GTUBE.substring(0, 20), GTUBE.toLowerCase(), " ", " ", " ", "\r\n", "\r\n", ".", ",", "!", "hello", "world"};

    @Test
    void theCompiledMatcherFiresExactlyWhatTheRulesOneByOneFire(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("local.rules"), LOCAL, StandardCharsets.UTF_8);
        SpamRules rules = SpamRules.load(dir);
        assertEquals(SpamRules.defaults().size() + 7, rules.size());
        compare(rules);
    }

    /** The same with many more trigger words, in one automaton of many states. */
    @Test
    void withManyTriggerWordsTheAutomatonFiresExactlyWhatTheRulesOneByOneFire(@TempDir Path dir) throws IOException {
        StringBuilder many = new StringBuilder(LOCAL);
        for (int i = 0; i < MANY; i++) {
            many.append("LOCAL_MANY_").append(i).append(" 0.1 body (?i)\\b(word").append(i).append("|other").append(i)
                    .append(")\\b\n");
        }
        Files.writeString(dir.resolve("local.rules"), many, StandardCharsets.UTF_8);
        SpamRules rules = SpamRules.load(dir);
        assertEquals(SpamRules.defaults().size() + 7 + MANY, rules.size());
        compare(rules);
    }

    private static void compare(SpamRules rules) throws IOException {
        Random random = new Random(14);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1500; i++) {
            MessageContent c = Messages.inMemory(message(random).getBytes(StandardCharsets.UTF_8));
            MessageFacts facts = Messages.facts(c);
            Analysis analysis = ANALYZER.analyze(c);
            List<SpamSymbol> expected = rules.fireOneByOne(facts, analysis);
            assertEquals(expected, rules.fire(facts, analysis), "message " + i);
            expected.forEach(s -> seen.add(s.name()));
        }
        // the corpus reaches every body rule, so each was compared firing as well as not
        for (String name : List.of("GTUBE", "BODY_PHARMA", "BODY_LOTTERY", "BODY_ADVANCE_FEE", "BODY_ACCOUNT_THREAT",
                "BODY_CLICK_HERE", "BODY_GUARANTEE", "BODY_CRYPTO_DOUBLE", "BODY_WORK_FROM_HOME", "BODY_UNSUBSCRIBE_ONLY",
                "HTML_ONLY", "LOCAL_LITERAL", "LOCAL_QUOTED", "LOCAL_UNICODE", "LOCAL_TRIGGERS", "LOCAL_OVERLAP",
                "LOCAL_CLASS", "LOCAL_ANCHORED")) {
            assertTrue(seen.contains(name), name + " never fired");
        }
    }

    private static String message(Random random) {
        String head = "From: someone@example.org\r\nTo: you@example.com\r\nSubject: hello\r\nMIME-Version: 1.0\r\n";
        return switch (random.nextInt(3)) {
            case 0 -> head + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + body(random) + "\r\n";
            case 1 -> head + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>"
                    + body(random) + "</p>\r\n";
            default -> head + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body(random)
                    + "\r\n--b\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<div>"
                    + body(random) + "</div>\r\n--b--\r\n";
        };
    }

    private static String body(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(25);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextBoolean()) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /**
     * RE2's {@code (?i)} takes the long s for s and the Kelvin sign for k, so a phrase spelled with
     * them is one the rule's expression finds: its trigger word must not hide it.
     */
    @Test
    void triggerWordsFindWhatTheExpressionFindsWrittenWithLongSOrKelvinSign() throws IOException {
        SpamRules rules = SpamRules.defaults();
        for (String text : List.of("Your account has been \u017fu\u017fpended.", "Your account has been SU\u017fPENDED.",
                "Please clic\u212a the link", "Please CLIC\u212a HERE now")) {
            MessageContent c = Messages.inMemory(("From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
            MessageFacts facts = Messages.facts(c);
            Analysis analysis = ANALYZER.analyze(c);
            List<String> fired = rules.fire(facts, analysis).stream().map(SpamSymbol::name).toList();
            String expected = text.toLowerCase(java.util.Locale.ROOT).contains("account") ? "BODY_ACCOUNT_THREAT" : "BODY_CLICK_HERE";
            assertEquals(List.of(expected), fired.stream().filter(n -> n.startsWith("BODY_")).toList(), text);
            assertEquals(rules.fireOneByOne(facts, analysis), rules.fire(facts, analysis), text);
        }
    }

    @Test
    void onlyPlainCaseSensitiveExpressionsAreTakenAsLiterals() {
        assertEquals("XJS*C4J.N", BodyMatcher.literal("XJS\\*C4J\\.N"));
        assertEquals("price: $5", BodyMatcher.literal("price: \\$5"));
        assertNull(BodyMatcher.literal("(?i)viagra"));
        assertNull(BodyMatcher.literal("a.b"));
        assertNull(BodyMatcher.literal("\\bword"));
        assertNull(BodyMatcher.literal("^Dear"));
        assertNull(BodyMatcher.literal("a|b"));
        assertNull(BodyMatcher.literal("ab\\"));
    }
}
