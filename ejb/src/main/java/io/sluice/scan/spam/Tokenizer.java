package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;
import io.sluice.scan.Attachment;
import io.sluice.scan.TextPart;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens the Bayes classifier learns and scores by: words of the subject and of the text, the
 * sender's domain, attachment types. Learning and scoring use this same tokenizer.
 */
public final class Tokenizer {

    static final int MAX_TOKENS = 3000;
    private static final int MAX_TEXT = 100_000;

    private Tokenizer() {
    }

    public static Set<String> tokens(MessageFacts facts, Analysis analysis) {
        Set<String> tokens = new LinkedHashSet<>();
        words("s:", facts.subject(), tokens);
        for (String from : facts.headerValues("From")) {
            int at = from.lastIndexOf('@');
            if (at >= 0) {
                String domain = from.substring(at + 1).replaceAll("[>\\s].*", "").toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && domain.length() <= 150) {
                    tokens.add("from:" + domain);
                }
            }
        }
        for (Attachment a : analysis.attachments()) {
            tokens.add("type:" + a.detectedType());
        }
        int budget = MAX_TEXT;
        for (TextPart t : analysis.texts()) {
            String text = t.text().length() > budget ? t.text().substring(0, budget) : t.text();
            budget -= text.length();
            words("", text, tokens);
            if (budget <= 0 || tokens.size() >= MAX_TOKENS) {
                break;
            }
        }
        return tokens;
    }

    private static void words(String prefix, String text, Set<String> into) {
        int start = -1;
        for (int i = 0; i <= text.length() && into.size() < MAX_TOKENS; i++) {
            boolean word = i < text.length() && isWordChar(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                int len = i - start;
                if (len >= 3 && len <= 40) {
                    into.add(prefix + text.substring(start, i).toLowerCase(Locale.ROOT));
                }
                start = -1;
            }
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '$' || c == '\'' || c == '-';
    }
}
