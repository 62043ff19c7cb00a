package io.sluice.persistence;

/**
 * Text that came from outside (a HELO name, a decoded subject, a mail server's reply) made fit for
 * a VARCHAR column in both PostgreSQL and H2: PostgreSQL refuses NUL in text outright, and a row
 * that cannot be written must not depend on what a client chose to send.
 */
public final class ColumnText {

    /** What stands in for a character a column must not hold. */
    public static final char REPLACEMENT = '\uFFFD';

    private ColumnText() {
    }

    /**
     * {@code s} with every control character (C0, DEL and C1; NUL among them) and every unpaired
     * surrogate replaced by {@link #REPLACEMENT}, a tab by a space, and cut to {@code max}
     * characters without splitting a surrogate pair; {@code null} stays {@code null}.
     */
    public static String of(String s, int max) {
        if (s == null) {
            return null;
        }
        int end = Math.min(s.length(), max);
        if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))
                && Character.isLowSurrogate(s.charAt(end))) {
            end--; // the pair would be cut in half
        }
        StringBuilder b = null;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            char fit = fit(s, i, end);
            if (fit != c && b == null) {
                b = new StringBuilder(end).append(s, 0, i);
            }
            if (b != null) {
                b.append(fit);
            }
        }
        return b != null ? b.toString() : end == s.length() ? s : s.substring(0, end);
    }

    /**
     * Joins {@code items} with commas, leaving out whole items from the end rather than cutting one
     * in the middle when the result would be longer than {@code max}; each item made fit as by
     * {@link #of}.
     */
    public static String joined(Iterable<String> items, int max) {
        StringBuilder b = new StringBuilder();
        for (String item : items) {
            String fit = of(item, max);
            int needed = b.isEmpty() ? fit.length() : fit.length() + 1;
            if (b.length() + needed > max) {
                break; // the first item always fits: it was cut to max
            }
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(fit);
        }
        return b.toString();
    }

    private static char fit(String s, int i, int end) {
        char c = s.charAt(i);
        if (c == '\t') {
            return ' ';
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return REPLACEMENT;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1)) ? c : REPLACEMENT;
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? c : REPLACEMENT;
        }
        return c;
    }
}
