package io.sluice.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        Random random = new Random(14);
        String alphabet = "abcab \u00e9\u2603";
        for (int round = 0; round < 2000; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                literals.add(random(random, alphabet, 1 + random.nextInt(4)));
            }
            LiteralSet set = new LiteralSet(literals);
            String text = random(random, alphabet, random.nextInt(60));
            boolean[] expected = new boolean[literals.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = text.contains(literals.get(i));
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
