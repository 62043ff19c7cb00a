package io.sluice.pipeline;

import io.sluice.config.RuntimeSettings;
import io.sluice.policy.FilterType;
import io.sluice.policy.PolicyRules;
import io.sluice.scan.ScanResult;
import io.sluice.scan.VirusHit;
import io.sluice.scan.spam.SpamVerdict;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The header fields that report the scan on every delivered message (names follow the configured
 * prefix, "X-" by default): {@code X-Spam-Score}, {@code X-Spam-Status} (SpamAssassin's format,
 * with the tests that fired), {@code X-Virus-Scanned} and {@code X-Sluice-Verdict}. Fields of
 * these names that arrive with a message are removed first: nobody outside may forge them.
 */
final class VerdictHeaders {

    static final List<String> SUFFIXES = List.of("Spam-Score", "Spam-Status", "Virus-Scanned", "Sluice-Verdict");
    static final double DEFAULT_REQUIRED = 5.0;
    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n\\t]+");

    private VerdictHeaders() {
    }

    /** The names the gateway writes, to be removed from what arrives. */
    static List<String> names(RuntimeSettings s) {
        return SUFFIXES.stream().map(s::header).toList();
    }

    static byte[] build(RuntimeSettings s, ScanResult scan, PolicyRules policy) {
        StringBuilder sb = new StringBuilder(256);
        SpamVerdict spam = scan.spam();
        double required = required(policy);
        if (spam != null) {
            sb.append(s.header("Spam-Score")).append(": ").append(format(spam.score())).append("\r\n");
            sb.append(fold(s.header("Spam-Status") + ": " + (spam.score() >= required ? "Yes" : "No") + ", score="
                    + format(spam.score()) + " required=" + format(required) + " tests="
                    + (spam.symbols().isEmpty() ? "none" : spam.symbolList()) + " engine=" + spam.engine()));
        }
        String scanned = scan.scannedBy().isEmpty() ? "no" : String.join(", ", scan.scannedBy());
        if (!scan.notScanned().isEmpty()) {
            scanned += "; not scanned by " + String.join("; ", scan.notScanned());
        }
        sb.append(fold(s.header("Virus-Scanned") + ": " + oneLine(scanned)));
        sb.append(fold(s.header("Sluice-Verdict") + ": " + verdict(scan, spam, required) + "; policy="
                + oneLine(policy.name())));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line for the log: the verdict and the spam score. */
    static String summary(ScanResult scan, PolicyRules policy) {
        double required = required(policy);
        return verdict(scan, scan.spam(), required) + (scan.spam() == null ? "" : " spam=" + format(scan.spam().score())
                + "/" + format(required));
    }

    /** The verdict, {@link Verdict#UNSCANNED} for a message that was not scanned ({@code scan} null). */
    static Verdict of(ScanResult scan, PolicyRules policy) {
        return scan == null ? Verdict.UNSCANNED : of(scan, scan.spam(), required(policy));
    }

    private static Verdict of(ScanResult scan, SpamVerdict spam, double required) {
        if (!scan.viruses().isEmpty()) {
            return Verdict.VIRUS;
        }
        if (scan.analysis().unscannable() != null) {
            return Verdict.UNSCANNABLE;
        }
        if (spam != null && spam.score() >= required) {
            return Verdict.SPAM;
        }
        return spam == null && scan.scannedBy().isEmpty() ? Verdict.UNSCANNED : Verdict.CLEAN;
    }

    /** The verdict's word with what it found: "virus (Eicar-Signature)", "unscannable (why)". */
    private static String verdict(ScanResult scan, SpamVerdict spam, double required) {
        Verdict v = of(scan, spam, required);
        return switch (v) {
            case VIRUS -> v.word() + " (" + String.join(", ", scan.viruses().stream().map(VirusHit::name).distinct()
                    .toList()) + ")";
            case UNSCANNABLE -> v.word() + " (" + oneLine(scan.analysis().unscannable()) + ")";
            default -> v.word();
        };
    }

    /** The lowest spam threshold the policy acts on: what "Yes" in X-Spam-Status means for it. */
    static double required(PolicyRules policy) {
        boolean any = false;
        double min = DEFAULT_REQUIRED;
        for (var r : policy.rules()) { // a loop, not a stream: asked three times for every message
            if (r.spec().filter().type() == FilterType.SPAM_SCORE) {
                double t = r.spec().filter().threshold();
                min = any ? Math.min(min, t) : t;
                any = true;
            }
        }
        return min;
    }

    /**
     * The score with one decimal, as {@code String.format(Locale.ROOT, "%.1f", score)} writes it
     * (half up from the shortest decimal that names the double), without a Formatter per message.
     */
    static String format(double score) {
        if (!Double.isFinite(score)) {
            return String.format(Locale.ROOT, "%.1f", score);
        }
        String rounded = BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP).toPlainString();
        // BigDecimal has no negative zero; the Formatter keeps the sign of a score that rounds to it
        return Double.doubleToRawLongBits(score) < 0 && rounded.equals("0.0") ? "-0.0" : rounded;
    }

    private static String oneLine(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\t') < 0) {
            return s;
        }
        return LINE_BREAKS.matcher(s).replaceAll(" ");
    }

    /**
     * Folds a field so no line passes 78 characters (RFC 5322 §2.1.1): before a space (which then
     * starts the continuation line) or after a comma (then a tab starts it, as SpamAssassin does).
     */
    static String fold(String field) {
        StringBuilder out = new StringBuilder(field.length() + 16);
        int lineStart = 0;
        int breakAt = -1;
        String breakWith = null;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ' ' && out.length() > lineStart) {
                breakAt = out.length();
                breakWith = "\r\n";
            }
            out.append(c);
            if (c == ',') {
                breakAt = out.length();
                breakWith = "\r\n\t";
            }
            if (out.length() - lineStart > 78 && breakAt > lineStart) {
                out.insert(breakAt, breakWith);
                lineStart = breakAt + 2;
                breakAt = -1;
            }
        }
        return out.append("\r\n").toString();
    }
}
