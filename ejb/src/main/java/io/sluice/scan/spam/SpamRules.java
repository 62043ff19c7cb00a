package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/** The embedded scorer's rules: the shipped set, plus local {@code *.rules} files. */
public final class SpamRules {

    private static final Logger LOG = Logger.getLogger(SpamRules.class.getName());

    private final List<SpamRule> rules;
    /** The body rules compiled once: a rule set is built anew when its files change. */
    private final BodyMatcher body;

    private SpamRules(List<SpamRule> rules) {
        this.rules = List.copyOf(rules);
        this.body = new BodyMatcher(this.rules);
    }

    /** The shipped rules only. */
    public static SpamRules defaults() {
        List<SpamRule> rules = new ArrayList<>();
        try (InputStream in = SpamRules.class.getResourceAsStream("default.rules")) {
            read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "default.rules", rules);
        } catch (IOException e) {
            throw new IllegalStateException("the shipped spam rules are missing", e);
        }
        return new SpamRules(rules);
    }

    /** The shipped rules and every {@code *.rules} file in {@code directory}. */
    public static SpamRules load(Path directory) {
        List<SpamRule> rules = new ArrayList<>(defaults().rules);
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.rules")) {
                for (Path f : files) {
                    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        read(r, f.toString(), rules);
                    }
                }
            } catch (IOException e) {
                LOG.warning(() -> "cannot read spam rules in " + directory + ": " + e);
            }
        }
        return new SpamRules(rules);
    }

    private static void read(BufferedReader r, String source, List<SpamRule> into) throws IOException {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            try {
                into.add(SpamRule.parse(line));
            } catch (IllegalArgumentException e) {
                int lineNo = n;
                LOG.warning(() -> source + ":" + lineNo + ": spam rule skipped: " + e.getMessage());
            }
        }
    }

    /** The rules that fire on this message, in the order of the rules. */
    public List<SpamSymbol> fire(MessageFacts facts, Analysis analysis) {
        boolean[] bodyFired = body.fire(analysis.texts());
        MessageFacts once = new FieldsOnce(facts);
        List<SpamSymbol> fired = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SpamRule rule = rules.get(i);
            if (rule.where().equals("body") ? bodyFired[i] : rule.fires(once, analysis, null)) {
                fired.add(new SpamSymbol(rule.name(), rule.score()));
            }
        }
        return fired;
    }

    /**
     * The facts the rules other than body rules read, with each header field's values and the
     * subject looked up once per message rather than once per rule. Only what those rules read is
     * here (the header and the subject, besides the facts every message has); {@link #fireOneByOne},
     * which reads the facts themselves, is what {@link #fire} is tested against.
     */
    private static final class FieldsOnce implements MessageFacts {
        private final MessageFacts facts;
        private final Map<String, List<String>> fields = new HashMap<>();
        private String subject;

        FieldsOnce(MessageFacts facts) {
            this.facts = facts;
        }

        @Override
        public long size() {
            return facts.size();
        }

        @Override
        public String clientAddress() {
            return facts.clientAddress();
        }

        @Override
        public boolean authenticated() {
            return facts.authenticated();
        }

        @Override
        public List<String> headerValues(String name) {
            return fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> facts.headerValues(name));
        }

        @Override
        public String subject() {
            if (subject == null) {
                subject = facts.subject();
            }
            return subject;
        }
    }

    /** The same, one rule after another, each with its own checks: what {@link #fire} must equal. */
    List<SpamSymbol> fireOneByOne(MessageFacts facts, Analysis analysis) {
        String lowerCaseBody = lowerCaseBody(analysis);
        List<SpamSymbol> fired = new ArrayList<>();
        for (SpamRule rule : rules) {
            if (rule.fires(facts, analysis, lowerCaseBody)) {
                fired.add(new SpamSymbol(rule.name(), rule.score()));
            }
        }
        return fired;
    }

    /**
     * Every text part lower-cased, each followed by a line feed, for the one-by-one check of trigger
     * words. The long s becomes s, as {@code (?i)} matches it (the Kelvin sign already became k).
     */
    private static String lowerCaseBody(Analysis analysis) {
        StringBuilder body = new StringBuilder();
        for (io.sluice.scan.TextPart t : analysis.texts()) {
            body.append(t.text().toLowerCase(java.util.Locale.ROOT).replace('\u017f', 's')).append('\n');
        }
        return body.toString();
    }

    public int size() {
        return rules.size();
    }
}
