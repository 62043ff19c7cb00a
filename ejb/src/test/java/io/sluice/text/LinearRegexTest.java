package io.sluice.text;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
                LinearRegex.problem("foo(?=bar)"));
        assertEquals("invalid escape sequence `\\1` (look-around and back-references cannot run in linear time)",
                LinearRegex.problem("(a)\\1"));
        assertEquals("missing closing ] `[a-z`", LinearRegex.problem("([a-z"));
        assertNull(LinearRegex.problem("(?i)\\bfree\\b.{0,40}money"));
    }
}
