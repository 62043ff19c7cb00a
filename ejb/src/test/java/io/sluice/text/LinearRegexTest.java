package io.sluice.text;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Regression tests: expressions that backtrack for minutes in java.util.regex are linear here. */
class LinearRegexTest {

    /** Far beyond anything linear needs; java.util.regex needs minutes for the first case. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void theShippedAllCapsSubjectRuleIsLinear() {
        Pattern p = LinearRegex.compile("^[^a-z]*[A-Z]{3,}[^a-z]*[A-Z]{3,}[^a-z]*$", 0);
        String subject = "A".repeat(100_000) + "a"; // 200 capitals took 18 s with java.util.regex
        assertFalse(assertTimeoutPreemptively(BOUND, () -> p.matcher(subject).find()));
    }

    @Test
    void nestedQuantifiersAreLinear() {
        Pattern p = LinearRegex.compile("^(a+)+$", Pattern.CASE_INSENSITIVE);
        String text = "a".repeat(100_000) + "!";
        assertFalse(assertTimeoutPreemptively(BOUND, () -> p.matcher(text).find()));
    }

    @Test
    void whatCannotRunInLinearTimeIsRefusedWithAReason() {
        assertEquals("invalid or unsupported Perl syntax `(?=` (look-around and back-references cannot run in linear time)",
                LinearRegex.problem("foo(?=bar)", false));
        assertEquals("invalid escape sequence `\\1` (look-around and back-references cannot run in linear time)",
                LinearRegex.problem("(a)\\1", false));
        assertEquals("missing closing ] `[a-z`", LinearRegex.problem("([a-z", false));
        assertNull(LinearRegex.problem("(?i)\\bfree\\b.{0,40}money", false));
    }

    /**
     * Regression: RE2J loops for ever compiling a case-insensitive expression with a character its
     * fold tables do not know (U+1C80, Cyrillic small letter rounded ve), alone or inside a class
     * range; such expressions are refused at once instead.
     */
    @Test
    void caseInsensitiveExpressionsWithCharactersRe2jCannotFoldAreRefusedNotCompiledForever() {
        String trap = "cannot be matched ignoring case: it contains U+1C80 (CYRILLIC SMALL LETTER ROUNDED VE), "
                + "which the regular expression engine cannot fold; match case for it or leave it out";
        for (String regex : List.of("(?i)\u1c80", "(?i)\\x{1c80}", "(?i)[A-\\x{ffff}]", "(?i)[^\\x{1c00}-\\x{1d00}]",
                "(?i:x[\\x{1c80}-\\x{1c88}])", "a(?i)\\Q.\u1c80.\\E", "(?i)[\\]-\\x{2000}]", "(?i)[]-\u1c80]", "(?i)x\\\u1c80", "(?i)x[zx|[:A-\\x{fffd}b]")) {
            assertEquals(trap, assertTimeoutPreemptively(BOUND, () -> LinearRegex.problem(regex, false)), regex);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> assertTimeoutPreemptively(BOUND, () -> LinearRegex.compile(regex, 0)), regex);
            assertEquals(trap, refused.getMessage());
        }
        // a range may start at a C or octal escape, which RE2 reads as a character (found by fuzzing:
        // "(?i)x[\\a-\ufffd...]" went into RE2J for ever)
        for (String regex : List.of("(?i)[\\a-\\x{4000}]", "(?i)[\\t-\ufffd]", "(?i)[\\f-\ufffd]", "(?i)[\\n-\ufffd]",
                "(?i)[\\r-\ufffd]", "(?i)[\\v-\ufffd]", "(?i)[\\0-\ufffd]", "(?i)[\\101-\ufffd]", "(?i)[\\07-\ufffd]")) {
            assertEquals(trap, assertTimeoutPreemptively(BOUND, () -> LinearRegex.problem(regex, false)), regex);
        }
        assertEquals(trap.replace("U+1C80 (CYRILLIC SMALL LETTER ROUNDED VE)", "U+1C84 (CYRILLIC SMALL LETTER TALL TE)"),
                LinearRegex.problem("[\\x{1c84}-\\x{1c85}]", true));
    }

    @Test
    void theSameCharactersAreFineWhereCaseMattersOrWhereRe2jDoesNotFoldThemOneByOne() {
        for (String regex : List.of("\u1c80", "[A-\\x{ffff}]", "(?i)[\\x{0}-\\x{10FFFF}]", "(?i)[A-\\x{10ffff}]",
                "(?i)\\\\x{1c80}", "(?i)\\p{Cyrillic}", "(?i)[а-я]", "(?i)[\\x{1d00}-\\x{1e00}]", "(?i)[[:alpha:]-]",
                "(?i)\\x{1c7f}[\\x{1c89}-\\x{1cff}]", "(?i)[\\a-z]", "(?i)[\\t-\\r]x", "(?i)[\\101-\\132]", "(?i)[\\0-\\x{1c7f}]")) {
            assertNull(assertTimeoutPreemptively(BOUND, () -> LinearRegex.problem(regex, false)), regex);
            assertTimeoutPreemptively(BOUND, () -> LinearRegex.compile(regex, 0));
        }
        assertNull(LinearRegex.problem("\\x{1c80}", false));
        assertEquals(IntStream.rangeClosed(0x1C80, 0x1C88).boxed().toList(),
                Arrays.stream(CaseFoldTrap.runes()).boxed().filter(c -> c < 0x1D00).toList(),
                "what RE2J's own fold function shows on this JVM");
    }
}
