package io.sluice.scan.spam;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spam rule lines from {@code *.rules} files: a line is either refused (an
 * {@link IllegalArgumentException}, which skips it) or a rule with a name, a finite score (a NaN
 * or infinite score would poison every message's total) and a known place; and a rule's trigger
 * words, the shortcut that spares the expression on most mail, never skip text the expression
 * would match.
 *
 * <p>Input: the rule line, a NUL octet, then a text to match it against (UTF-8).
 */
class SpamRuleFuzzTest {

    private static final Set<String> PLACES = Set.of("subject", "body", "missing", "html-only");

    static {
        // loading (and instrumenting) the expression engine's Unicode tables takes most of a
        // second under the fuzzer: done here, outside the second each input may take
        SpamRule.parse("WARM_UP 1.0 subject (?i)[a-z]+");
    }

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void ruleLine(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        String line = nul < 0 ? s : s.substring(0, nul);
        String text = nul < 0 ? "" : s.substring(nul + 1);
        SpamRule rule;
        try {
            rule = SpamRule.parse(line);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertFalse(rule.name().isBlank());
        assertTrue(Double.isFinite(rule.score()), "score " + rule.score());
        assertTrue(PLACES.contains(rule.where()) || rule.where().startsWith("header:"), rule.where());
        if (!rule.triggers().isEmpty() && matches(rule, text)) {
            // as the rules' (?i) and the trigger words' pass take it: the long s is an s (the Kelvin sign lower-cases to k)
            String lower = text.toLowerCase(Locale.ROOT).replace('\u017f', 's');
            assertTrue(rule.triggers().stream().anyMatch(lower::contains),
                    "the expression matches but no trigger word is in the text: " + rule.triggers());
        }
    }

    /**
     * Whether the rule's expression finds a match, giving up (false) after a million character
     * reads: an expression that backtracks for ever is the rule writer's problem, not this test's.
     */
    private static boolean matches(SpamRule rule, String text) {
        try {
            return rule.pattern().matcher(new Budgeted(text)).find();
        } catch (Budgeted.Exhausted e) {
            return false;
        }
    }

    private record Budgeted(String text, int[] reads) implements CharSequence {
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }

        Budgeted(String text) {
            this(text, new int[1]);
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > 1_000_000) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
