package io.sluice.policy;

import com.google.re2j.Pattern;
import io.sluice.api.Cidr;
import io.sluice.text.LinearRegex;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A rule ready to run: its filter compiled once (regular expressions, CIDR blocks) when the
 * snapshot is built, not for every message. Every expression and glob runs on RE2J
 * ({@link LinearRegex}), in time linear in the message text.
 *
 * @param spec   the rule as configured
 * @param filter whether a message matches
 */
public record CompiledRule(RuleSpec spec, Predicate<MessageFacts> filter) {

    private static final Logger LOG = Logger.getLogger(CompiledRule.class.getName());
    private static final Predicate<MessageFacts> NEVER = f -> false;

    public static CompiledRule compile(RuleSpec spec) {
        try {
            return new CompiledRule(spec, filter(spec.filter()));
        } catch (IllegalArgumentException e) { // a pattern RE2 refuses included
            // the admin API refuses such rules; this is a rule written into the database by hand
            LOG.warning(() -> "rule " + spec.name() + " has an invalid filter and never matches: " + e.getMessage());
            return new CompiledRule(spec, NEVER);
        }
    }

    public boolean matches(MessageFacts facts) {
        return filter.test(facts);
    }

    private static Predicate<MessageFacts> filter(FilterSpec f) {
        return switch (f.type()) {
            case ALWAYS -> m -> true;
            case SIZE_OVER -> {
                double limit = f.threshold();
                yield m -> m.size() > limit;
            }
            case HEADER -> {
                Pattern p = LinearRegex.compile(f.pattern(), f.caseInsensitive() ? Pattern.CASE_INSENSITIVE : 0);
                String name = f.header();
                yield m -> m.headerValues(name).stream().anyMatch(v -> p.matcher(v).find());
            }
            case SUBJECT -> {
                Predicate<String> text = textMatcher(f);
                yield m -> text.test(m.subject());
            }
            case SENDER_AUTHENTICATED -> MessageFacts::authenticated;
            case CLIENT_IP -> {
                List<Cidr> blocks = Arrays.stream(f.pattern().split("[,\\s]+")).filter(s -> !s.isBlank())
                        .map(Cidr::parse).toList();
                yield m -> Cidr.anyContains(blocks, m.clientAddress());
            }
            case VIRUS -> m -> !m.viruses().isEmpty();
            case SPAM_SCORE -> {
                double threshold = f.threshold();
                yield m -> m.spamScore() >= threshold; // NaN (not scored) is never at or above
            }
            case ATTACHMENT_NAME -> {
                Predicate<String> glob = fileNameGlob(f.pattern());
                yield m -> m.attachmentNames().stream().anyMatch(glob);
            }
            case ATTACHMENT_TYPE -> {
                Predicate<String> glob = glob(f.pattern());
                yield m -> m.attachmentTypes().stream().anyMatch(glob);
            }
            case BODY -> {
                Predicate<String> text = textMatcher(f);
                yield m -> m.texts().stream().anyMatch(text);
            }
            case UNSCANNABLE -> m -> m.unscannable() != null;
            case ENCRYPTED_ARCHIVE -> MessageFacts::encryptedArchive;
            case SPF -> {
                java.util.Set<String> results = words(f.pattern());
                yield m -> m.spf() != null && results.contains(m.spf());
            }
            case DNSBL -> {
                java.util.Set<String> zones = f.pattern() == null ? java.util.Set.of() : words(f.pattern());
                yield m -> zones.isEmpty() ? !m.dnsLists().isEmpty()
                        : m.dnsLists().stream().anyMatch(z -> zones.contains(z.toLowerCase(java.util.Locale.ROOT)));
            }
            case DKIM -> {
                java.util.Set<String> results = words(f.pattern());
                yield m -> m.dkim() != null && m.dkim().stream().anyMatch(results::contains);
            }
            case DMARC -> {
                java.util.Set<String> words = words(f.pattern());
                yield m -> m.dmarc() != null && (words.contains(m.dmarc())
                        || "fail".equals(m.dmarc()) && words.contains(m.dmarcDisposition()));
            }
            case GREYLISTED -> {
                java.util.Set<String> results = words(f.pattern());
                yield m -> m.greylist() != null && results.contains(m.greylist());
            }
        };
    }

    /** The words a filter lists (SPF results, block list zones), in lower case. */
    static java.util.Set<String> words(String pattern) {
        return Arrays.stream(pattern.split("[,\\s]+")).filter(s -> !s.isBlank())
                .map(s -> s.trim().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** A file name glob; a bare extension ("exe") means "*.exe". */
    public static Predicate<String> fileNameGlob(String pattern) {
        String p = pattern.trim();
        return glob(p.contains("*") || p.contains("?") || p.contains(".") ? p : "*." + p);
    }

    /** A file name or type glob ({@code *} any run, {@code ?} one character), ignoring case. */
    static Predicate<String> glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern p = LinearRegex.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        return s -> p.matcher(s).matches();
    }

    /** Keyword (substring) or regular expression, optionally ignoring case. */
    static Predicate<String> textMatcher(FilterSpec f) {
        if (f.regex()) {
            Pattern p = LinearRegex.compile(f.pattern(), f.caseInsensitive() ? Pattern.CASE_INSENSITIVE : 0);
            return s -> p.matcher(s).find();
        }
        if (f.caseInsensitive()) {
            String k = f.pattern().toLowerCase(Locale.ROOT);
            return s -> s.toLowerCase(Locale.ROOT).contains(k);
        }
        String k = f.pattern();
        return s -> s.contains(k);
    }
}
