package io.sluice.scan.spam;

import io.sluice.scan.TextPart;
import io.sluice.text.LiteralSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The body rules of one rule set, compiled once when the rules are loaded: every trigger word of
 * every rule in one {@link LiteralSet} that ignores case, run once over each text part (instead of
 * an {@code indexOf} per word and rule over a lower-cased copy of the body), and the rules whose
 * expression is nothing but a case-sensitive literal (GTUBE) in another, run once over each text
 * part, with no expression at all. Rules that are neither, and rules whose trigger word occurs, run
 * their expression as before. A rule fires exactly when {@link SpamRule#fires} says it does.
 */
final class BodyMatcher {

    private final List<SpamRule> rules;
    /** Per rule: its literal's index in {@link #literals}, or -1. */
    private final int[] literalOf;
    /** Per trigger word in {@link #triggers}: the rule it belongs to. */
    private final int[] triggerRule;
    /** All trigger words, found ignoring case as the rules' {@code (?i)} expressions would. */
    private final LiteralSet triggers;
    private final LiteralSet literals;

    BodyMatcher(List<SpamRule> rules) {
        this.rules = rules;
        literalOf = new int[rules.size()];
        List<String> triggerWords = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<String> literalTexts = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SpamRule r = rules.get(i);
            literalOf[i] = -1;
            if (!r.where().equals("body")) {
                continue;
            }
            String literal = literal(r.pattern().pattern());
            if (literal != null) {
                literalOf[i] = literalTexts.size();
                literalTexts.add(literal);
            }
            for (String w : r.triggers()) {
                triggerWords.add(w);
                owners.add(i);
            }
        }
        triggerRule = owners.stream().mapToInt(Integer::intValue).toArray();
        triggers = LiteralSet.ignoringCase(triggerWords);
        literals = new LiteralSet(literalTexts);
    }

    /** The body rules that fire, as a flag per rule (false for every other rule). */
    boolean[] fire(List<TextPart> texts) {
        boolean[] words = new boolean[triggers.size()];
        for (TextPart t : texts) {
            triggers.find(t.text(), words);
        }
        boolean[] triggered = new boolean[rules.size()];
        for (int w = 0; w < words.length; w++) {
            if (words[w]) {
                triggered[triggerRule[w]] = true;
            }
        }
        boolean[] found = new boolean[literals.size()];
        if (found.length > 0) {
            for (TextPart t : texts) {
                literals.find(t.text(), found);
            }
        }
        boolean[] fired = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            SpamRule r = rules.get(i);
            if (!r.where().equals("body")) {
                continue;
            }
            if (literalOf[i] >= 0) {
                fired[i] = found[literalOf[i]];
            } else if (r.triggers().isEmpty() || triggered[i]) {
                fired[i] = anyMatches(r, texts);
            }
        }
        return fired;
    }

    private static boolean anyMatches(SpamRule rule, List<TextPart> texts) {
        for (TextPart t : texts) {
            if (rule.pattern().matcher(t.text()).find()) {
                return true;
            }
        }
        return false;
    }

    /** RE2's metacharacters: quoted with a backslash they stand for themselves. */
    private static final String META = "\\.+*?()|[]{}^$-/";

    /**
     * The string an expression matches and nothing else, when it is a case-sensitive literal: plain
     * characters and quoted metacharacters only ({@code XJS\*C4J...}); {@code null} for anything
     * else (flags, classes, anchors, other escapes), which then runs as an expression.
     */
    static String literal(String regex) {
        StringBuilder sb = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length() || META.indexOf(regex.charAt(i + 1)) < 0) {
                    return null;
                }
                sb.append(regex.charAt(++i));
            } else if (META.indexOf(c) >= 0 || Character.isSurrogate(c)) {
                return null;
            } else {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
