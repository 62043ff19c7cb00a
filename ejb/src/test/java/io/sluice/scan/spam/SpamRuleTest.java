package io.sluice.scan.spam;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpamRuleTest {

    @Test
    void triggersComeFromALeadingGroupOfPlainWords() {
        assertEquals(List.of("viagra", "cialis"), SpamRule.triggers("(?i)\\b(viagra|cialis)\\b"));
        assertEquals(List.of("you have won", "winner"), SpamRule.triggers("(?i)\\b(you have won|winner)\\b.{0,40}prize"));
        assertEquals(List.of("100% free", "risk-free"), SpamRule.triggers("(?i)(100% free|risk-free)"));
    }

    @Test
    void anythingElseAlwaysRunsTheExpression() {
        assertEquals(List.of(), SpamRule.triggers("\\b(viagra|cialis)\\b"));              // case-sensitive
        assertEquals(List.of(), SpamRule.triggers("(?i)\\bclick (here|below)"));          // no leading group
        assertEquals(List.of(), SpamRule.triggers("(?i)(viagra)(?i)?x"));                 // a flag group, then the group made optional
        assertEquals(List.of(), SpamRule.triggers("(?i)(verify (account|identity))"));   // nested group
        assertEquals(List.of(), SpamRule.triggers("(?i)(earn \\$\\d+|free)"));           // escapes
        assertEquals(List.of(), SpamRule.triggers("(?i)(a|)"));                          // empty alternative
    }

    @Test
    void everyShippedBodyRuleButGtubeHasTheFastCheck() throws java.io.IOException {
        try (java.io.InputStream in = SpamRules.class.getResourceAsStream("default.rules")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                SpamRule rule = SpamRule.parse(line);
                if (rule.where().equals("body") && !rule.name().equals("GTUBE")) {
                    assertEquals(false, rule.triggers().isEmpty(), rule.name());
                }
            }
        }
    }

    @Test
    void everyShippedRuleLoadsOnTheLinearTimeEngine() throws java.io.IOException {
        int lines = 0;
        try (java.io.InputStream in = SpamRules.class.getResourceAsStream("default.rules")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines++;
                    SpamRule.parse(line); // throws if RE2 refuses it; the loader would skip it with a warning
                }
            }
        }
        assertEquals(lines, SpamRules.defaults().size());
    }

    @Test
    void aSubjectOfCapitalsIsScoredInLinearTime() {
        SpamRule caps = SpamRule.parse("SUBJ_ALL_CAPS 1.0 subject ^[^a-z]*[A-Z]{3,}[^a-z]*[A-Z]{3,}[^a-z]*$");
        String subject = "A".repeat(50_000) + "a"; // 200 capitals and an "a" held a worker for 18 s
        assertEquals(false, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> caps.pattern().matcher(subject).find()));
    }
}
