package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;
import io.sluice.scan.TextPart;
import com.google.re2j.Pattern;
import io.sluice.text.LinearRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
public record SpamRule(String name, double score, String where, Pattern pattern, List<String> triggers) {

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9 '%\\-]+");

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
        double score = Double.parseDouble(f[1]);
        if (!Double.isFinite(score)) { // NaN or infinity would make every message's total meaningless
            throw new IllegalArgumentException("rule " + f[0] + " needs a finite score, not " + f[1]);
        }
        return new SpamRule(f[0], score, where, LinearRegex.compile(regex, 0), triggers(regex));
    }

    /**
     * Words one of which the text must contain for the rule to have a chance: the alternatives of
     * a leading group of plain words, as in {@code (?i)\b(viagra|cialis)\b...}. Looking for them
     * first (all rules' words in one case-ignoring pass, {@link BodyMatcher}) spares the regular
     * expression on nearly all mail.
     * An empty list means "no shortcut: always run the expression".
     */
    static List<String> triggers(String regex) {
        String r = regex;
        if (!r.startsWith("(?i)")) {
            return List.of(); // case matters: lower-cased text would not do
        }
        r = r.substring(4);
        if (r.startsWith("\\b")) {
            r = r.substring(2);
        }
        if (!r.startsWith("(")) {
            return List.of();
        }
        int depth = 0;
        int end = -1;
        for (int i = 0; i < r.length() && end < 0; i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                return List.of();
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                end = i;
            }
        }
        if (end < 0) {
            return List.of();
        }
        if (mayMatchWithout(r.substring(end + 1))) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String alternative : r.substring(1, end).split("\\|", -1)) {
            String w = alternative.toLowerCase(Locale.ROOT);
            if (w.isEmpty() || !PLAIN.matcher(w).matches()) {
                return List.of();
            }
            words.add(w);
        }
        return List.copyOf(words);
    }

    /**
     * Whether the expression can match without its leading group, given what follows the group:
     * a quantifier that allows it zero times, or an alternative beside it ({@code (a|b)x|y}).
     * Character classes and quoting are not followed: with them, any "|" counts.
     */
    private static boolean mayMatchWithout(String rest) {
        // a flag group between the group and a quantifier is no atom: "(viagra)(?i)?" makes the group optional
        while (rest.startsWith("(?")) {
            int close = rest.indexOf(')');
            if (close < 0 || !rest.substring(2, close).chars().allMatch(c -> Character.isLetter(c) || c == '-')) {
                break;
            }
            rest = rest.substring(close + 1);
        }
        if (rest.startsWith("?") || rest.startsWith("*") || rest.startsWith("{")) {
            return true;
        }
        if (rest.indexOf('|') < 0) {
            return false;
        }
        if (rest.contains("[") || rest.contains("\\Q")) {
            return true;
        }
        int depth = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the rule fires, checked on its own. {@code lowerCaseBody}: every text part,
     * lower-cased, for the triggers (only body rules read it). {@link SpamRules#fire} checks the
     * body rules all at once ({@link BodyMatcher}), with the same result.
     */
    boolean fires(MessageFacts facts, Analysis analysis, String lowerCaseBody) {
        if (where.equals("subject")) {
            return pattern.matcher(facts.subject()).find();
        }
        if (where.equals("body")) {
            if (!triggers.isEmpty() && triggers.stream().noneMatch(lowerCaseBody::contains)) {
                return false;
            }
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
        for (String v : facts.headerValues(where.substring("header:".length()))) {
            if (pattern.matcher(v).find()) {
                return true;
            }
        }
        return false;
    }
}
