package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;
import io.sluice.scan.TextPart;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One weighted rule of the embedded scorer, in the style of SpamAssassin's: a name, a score, where
 * it looks, and a regular expression. Where:
 * <ul>
 *   <li>{@code subject}: the decoded subject;</li>
 *   <li>{@code body}: every decoded text part (HTML as its text);</li>
 *   <li>{@code header:Name}: each value of the named header field;</li>
 *   <li>{@code missing}: fires when the header field named by the pattern is absent;</li>
 *   <li>{@code html-only}: fires when there is HTML text but no plain text (pattern unused).</li>
 * </ul>
 */
public record SpamRule(String name, double score, String where, Pattern pattern) {

    /** Parses "NAME score where regex"; the regex is the rest of the line. */
    static SpamRule parse(String line) {
        String[] f = line.trim().split("\\s+", 4);
        if (f.length < 3) {
            throw new IllegalArgumentException("expected: NAME score where [regex]");
        }
        String where = f[2].toLowerCase(Locale.ROOT);
        if (!where.equals("subject") && !where.equals("body") && !where.startsWith("header:") && !where.equals("missing")
                && !where.equals("html-only")) {
            throw new IllegalArgumentException("unknown place " + f[2]);
        }
        String regex = f.length == 4 ? f[3] : "";
        if (regex.isEmpty() && !where.equals("html-only")) {
            throw new IllegalArgumentException("rule " + f[0] + " needs a pattern");
        }
        return new SpamRule(f[0], Double.parseDouble(f[1]), where, Pattern.compile(regex));
    }

    boolean fires(MessageFacts facts, Analysis analysis) {
        if (where.equals("subject")) {
            return pattern.matcher(facts.subject()).find();
        }
        if (where.equals("body")) {
            for (TextPart t : analysis.texts()) {
                if (pattern.matcher(t.text()).find()) {
                    return true;
                }
            }
            return false;
        }
        if (where.equals("missing")) {
            return facts.headerValues(pattern.pattern()).isEmpty();
        }
        if (where.equals("html-only")) {
            return !analysis.texts().isEmpty() && analysis.texts().stream().allMatch(t -> t.contentType().equals("text/html"));
        }
        String header = where.substring("header:".length());
        return facts.headerValues(header).stream().anyMatch(v -> pattern.matcher(v).find());
    }
}
