package io.sluice.scan.spam;

import io.sluice.scan.TextPart;
import io.sluice.text.LiteralSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The body rules of one rule set, compiled once when the rules are loaded: every trigger word of
 * every rule, and the expressions that are nothing but a case-sensitive literal (GTUBE), in one
 * {@link LiteralSet} that ignores case, run once over each text part (instead of an {@code indexOf}
 * per word and rule over a lower-cased copy of the body); a literal it finds is confirmed as
 * written, with no expression at all. Rules that are neither, and rules whose trigger word occurs, run
 * their expression as before. A rule fires exactly when {@link SpamRule#fires} says it does.
 */
final class BodyMatcher {

    private final List<SpamRule> rules;
    /** Per rule: its literal's index in {@link #words}, or -1. */
    private final int[] literalOf;
    /** Per trigger word (the first entries of {@link #words}): the rule it belongs to. */
    private final int[] triggerRule;
    /**
     * The trigger words, then the literals, in one automaton that ignores case as the rules'
     * {@code (?i)} expressions do: one pass over each text part. A literal it finds is then looked
     * for as it is written, since literal rules are case-sensitive.
     */
    private final LiteralSet words;
    private final String[] wordTexts;

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
        for (int i = 0; i < literalOf.length; i++) {
            literalOf[i] = literalOf[i] < 0 ? -1 : triggerWords.size() + literalOf[i];
        }
        List<String> all = new ArrayList<>(triggerWords);
        all.addAll(literalTexts);
        words = LiteralSet.ignoringCase(all);
        wordTexts = all.toArray(String[]::new);
    }

    /** The body rules that fire, as a flag per rule (false for every other rule). */
    boolean[] fire(List<TextPart> texts) {
        boolean[] found = new boolean[words.size()];
        for (TextPart t : texts) {
            words.find(t.text(), found);
        }
        boolean[] triggered = new boolean[rules.size()];
        for (int w = 0; w < triggerRule.length; w++) {
            if (found[w]) {
                triggered[triggerRule[w]] = true;
            }
        }
        boolean[] fired = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            SpamRule r = rules.get(i);
            if (!r.where().equals("body")) {
                continue;
            }
            if (literalOf[i] >= 0) {
                fired[i] = found[literalOf[i]] && occursAsWritten(wordTexts[literalOf[i]], texts);
            } else if (r.triggers().isEmpty() || triggered[i]) {
                fired[i] = anyMatches(r, texts);
            }
        }
        return fired;
    }

    private static boolean occursAsWritten(String literal, List<TextPart> texts) {
        for (TextPart t : texts) {
            if (t.text().contains(literal)) {
                return true;
            }
        }
        return false;
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
