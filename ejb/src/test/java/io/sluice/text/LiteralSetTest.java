package io.sluice.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** One pass finds every literal that occurs, overlapping, nested or repeated, as indexOf would. */
class LiteralSetTest {

    @Test
    void findsOverlappingAndNestedLiterals() {
        LiteralSet set = new LiteralSet(List.of("he", "she", "his", "hers", "", "\u00e9t\u00e9", "\u2603"));
        assertArrayEquals(new boolean[] {true, true, false, true, false, false, false}, set.find("ushers"));
        assertArrayEquals(new boolean[] {false, false, true, false, false, true, true}, set.find("this \u00e9t\u00e9 \u2603"));
        assertArrayEquals(new boolean[7], set.find(""));
    }

    @Test
    void agreesWithIndexOfOnRandomTexts() {
        String alphabet = "abcab \u00e9\u2603";
        agreesWithContains(14, alphabet, alphabet, LiteralSet::new, text -> text);
    }

    /** Ignoring case: both cases of ASCII letters, the long s and the Kelvin sign, as RE2's (?i) does. */
    @Test
    void ignoringCaseFindsEveryCaseAndTheLongSAndTheKelvinSign() {
        LiteralSet set = LiteralSet.ignoringCase(List.of("suspended", "kin", "\u00e9t\u00e9", "x-y 1%"));
        assertArrayEquals(new boolean[] {true, false, false, false}, set.find("SuSPENDED"));
        assertArrayEquals(new boolean[] {true, false, false, false}, set.find("\u017fu\u017fpended"));
        assertArrayEquals(new boolean[] {false, true, false, false}, set.find("next of \u212aIN"));
        assertArrayEquals(new boolean[] {false, false, true, true}, set.find("\u00c9T\u00c9 X-Y 1%"));
        assertArrayEquals(new boolean[] {false, false, false, false}, set.find("suspend\u0130d kjn x_y"));
        // two literal chars whose cases overlap (final sigma and sigma share the capital) find each other's
        assertArrayEquals(new boolean[] {true, true}, LiteralSet.ignoringCase(List.of("\u03c2", "\u03c3")).find("\u03a3"));
        assertArrayEquals(new boolean[] {false, false, false, false}, new LiteralSet(List.of("suspended", "kin", "\u00e9t\u00e9", "x-y 1%"))
                .find("SUSPENDED \u212ain \u00c9t\u00e9"));
    }

    /** Ignoring case agrees with indexOf on both sides folded to lower case, on random texts. */
    @Test
    void ignoringCaseAgreesWithIndexOfOnLowerCasedTexts() {
        agreesWithContains(15, "abs k", "abAB sS\u017fkK\u212a", LiteralSet::ignoringCase,
                text -> text.toLowerCase(Locale.ROOT).replace('\u017f', 's'));
    }

    /** On 2,000 random sets and texts, the set finds what {@code contains} finds in the folded text. */
    private static void agreesWithContains(long seed, String literalAlphabet, String textAlphabet,
                                           Function<List<String>, LiteralSet> build, UnaryOperator<String> fold) {
        Random random = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                literals.add(random(random, literalAlphabet, 1 + random.nextInt(4)));
            }
            LiteralSet set = build.apply(literals);
            String text = random(random, textAlphabet, random.nextInt(60));
            String folded = fold.apply(text);
            boolean[] expected = new boolean[literals.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = folded.contains(literals.get(i));
            }
            assertArrayEquals(expected, set.find(text), literals + " in " + text);
        }
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
