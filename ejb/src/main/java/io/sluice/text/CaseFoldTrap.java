package io.sluice.text;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters RE2J cannot match without regard to case on this JVM. Its case-fold tables were
 * made from an older Unicode than the JDK's case mappings it falls back on, and for a character
 * known to the JDK but not to the tables (on Java 17 and 21: U+1C80..U+1C88, Cyrillic Extended-C)
 * walking the characters that fold together never comes back to the start: compiling a
 * case-insensitive expression with one of them, alone or inside a class range, loops for ever
 * (google/re2j issue 168). They are found once, by walking RE2J's own fold function from every
 * character with a bound, so a newer JDK that adds more is covered too; an expression that would
 * meet one is refused before RE2J sees it.
 */
final class CaseFoldTrap {

    /** RE2J's bounds: no character outside them folds (Unicode.MIN_FOLD, MAX_FOLD). */
    static final int MIN_FOLD = 0x41;
    static final int MAX_FOLD = 0x1E943;
    /** What was seen on Java 17 and 21, should RE2J's fold function not be reachable. */
    private static final int[] SEEN = {0x1C80, 0x1C81, 0x1C82, 0x1C83, 0x1C84, 0x1C85, 0x1C86, 0x1C87, 0x1C88};
    /** {@code (?flags)} or {@code (?flags:} with an i: the expression may turn case-insensitivity on. */
    private static final Pattern INLINE_I = Pattern.compile("\\(\\?[A-Za-z-]*i");
    /** What follows {@code \x}: {@code {10FFFF}} or two hex digits. */
    /** The rest of a POSIX class after its {@code [}: {@code :alpha:]} or {@code :^alpha:]}. */
    private static final Pattern POSIX = Pattern.compile(":\\^?[a-z]+:]");
    private static final Pattern HEX = Pattern.compile("\\{([0-9A-Fa-f]{1,8})}|([0-9A-Fa-f]{2})");

    private static volatile int[] runes;

    private CaseFoldTrap() {
    }

    /** The characters, sorted. */
    static int[] runes() {
        int[] r = runes;
        if (r == null) {
            r = find();
            runes = r;
        }
        return r;
    }

    /**
     * Where compiling {@code regex} would loop, as words for an administrator, or null.
     *
     * @param caseInsensitive whether the expression is compiled ignoring case (its own {@code (?i)} counts too)
     */
    static String problem(String regex, boolean caseInsensitive) {
        if (!caseInsensitive && !INLINE_I.matcher(regex).find()) {
            return null;
        }
        return new Scan(regex, runes()).run();
    }

    private static int[] find() {
        try {
            Class<?> unicode = Class.forName("com.google.re2j.Unicode");
            MethodHandle fold = MethodHandles.privateLookupIn(unicode, MethodHandles.lookup())
                    .findStatic(unicode, "simpleFold", MethodType.methodType(int.class, int.class));
            int[] found = new int[16];
            int n = 0;
            for (int c = MIN_FOLD; c <= MAX_FOLD; c++) {
                // RE2J's fold of a character the JDK gives no other case is the character itself,
                // or an orbit from its own tables, which close: only the JDK's cased ones can trap
                boolean cased = Character.toLowerCase(c) != c || Character.toUpperCase(c) != c;
                if (cased && !closes(fold, c)) {
                    found = n == found.length ? Arrays.copyOf(found, n * 2) : found;
                    found[n++] = c;
                }
            }
            return Arrays.copyOf(found, n);
        } catch (Throwable e) {
            return SEEN.clone();
        }
    }

    /** Whether folding from {@code c} comes back to it (the longest real orbit has four members). */
    private static boolean closes(MethodHandle fold, int c) throws Throwable {
        int f = (int) fold.invokeExact(c);
        for (int step = 0; step < 8 && f != c; step++) {
            f = (int) fold.invokeExact(f);
        }
        return f == c;
    }

    /** One pass over the expression's text: its literal characters and its class ranges. */
    private static final class Scan {
        private final String re;
        private final int[] traps;
        private int i;

        Scan(String re, int[] traps) {
            this.re = re;
            this.traps = traps;
        }

        String run() {
            // written as itself anywhere (also escaped, \\ᲀ, which RE2 takes as the character)
            int raw = re.codePoints().filter(c -> trapped(c, c)).findFirst().orElse(-1);
            if (raw >= 0) {
                return describe(raw);
            }
            boolean inClass = false;
            int previous = -1;
            boolean range = false;
            while (i < re.length()) {
                int c = re.codePointAt(i);
                boolean escaped = c == '\\';
                int rune = escaped ? escape() : next();
                if (!inClass) {
                    if (!escaped && c == '[') {
                        inClass = true;
                        previous = -1;
                        range = false;
                        skip('^');
                        if (skip(']')) {
                            previous = ']'; // first in a class, ] is itself
                        }
                    } else if (rune >= 0 && trapped(rune, rune)) {
                        return describe(rune);
                    }
                    continue;
                }
                if (!escaped && c == ']') {
                    inClass = false;
                } else if (!escaped && c == '[' && posixClassEnd() > 0) {
                    i = posixClassEnd();
                    previous = -1;
                } else if (!escaped && c == '-' && previous >= 0 && !range && i < re.length() && re.charAt(i) != ']') {
                    range = true;
                } else if (range) {
                    range = false;
                    if (rune >= 0 && trapped(previous, rune)) {
                        return describe(firstTrap(previous, rune));
                    }
                    previous = -1;
                } else {
                    if (rune >= 0 && trapped(rune, rune)) {
                        return describe(rune);
                    }
                    previous = rune;
                }
            }
            return null;
        }

        /**
         * After a {@code [} inside a class: where a POSIX class such as {@code [:alpha:]} ends, or -1
         * when none starts here (RE2 then takes the {@code [} as itself, and what follows as usual).
         */
        private int posixClassEnd() {
            Matcher m = POSIX.matcher(re).region(i, re.length());
            return m.lookingAt() ? m.end() : -1;
        }

        private int next() {
            int c = re.codePointAt(i);
            i += Character.charCount(c);
            return c;
        }

        private boolean skip(char c) {
            if (i < re.length() && re.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        /** After a backslash: the character an escape stands for, or -1 for a class such as \d or \pL. */
        private int escape() {
            i++;
            if (i >= re.length()) {
                return -1;
            }
            int c = next();
            switch (c) {
                case 'x' -> {
                    Matcher m = HEX.matcher(re).region(i, re.length());
                    if (m.lookingAt()) {
                        i = m.end();
                        long v = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2), 16);
                        return v > Character.MAX_CODE_POINT ? -1 : (int) v;
                    }
                    return -1;
                }
                case 'Q' -> {
                    int end = re.indexOf("\\E", i);
                    String quoted = re.substring(i, end < 0 ? re.length() : end);
                    i = end < 0 ? re.length() : end + 2;
                    return quoted.codePoints().filter(q -> trapped(q, q)).findFirst().orElse(-1);
                }
                case 'p', 'P' -> {
                    if (skip('{')) {
                        int end = re.indexOf('}', i);
                        i = end < 0 ? re.length() : end + 1;
                    } else if (i < re.length()) {
                        next();
                    }
                    return -1;
                }
                case 'a' -> {
                    return 0x07; // RE2's C escapes stand for characters, and so may start a range: [\a-\x{4000}]
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'v' -> {
                    return 0x0B;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    return octal(c);
                }
                case 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B', 'A', 'z', 'C' -> {
                    return -1;
                }
                default -> {
                    // other ASCII letters and digits are no escape RE2 knows (it refuses them); anything else stands for itself
                    return c < 0x80 && Character.isLetterOrDigit(c) ? -1 : c;
                }
            }
        }

        /**
         * After {@code \} and the octal digit {@code first}: the character, as RE2 reads it (up to two
         * more octal digits; {@code \1} to {@code \7} alone would be back-references, which it refuses).
         */
        private int octal(int first) {
            if (first != '0' && !(i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '7')) {
                return -1;
            }
            int v = first - '0';
            for (int more = 0; more < 2 && i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '7'; more++) {
                v = v * 8 + re.charAt(i++) - '0';
            }
            return v;
        }

        /** Whether RE2J would fold a character of lo..hi one by one and meet a trapped one. */
        private boolean trapped(int lo, int hi) {
            if (lo > hi || lo <= MIN_FOLD && hi >= MAX_FOLD) {
                return false; // an inverted range is RE2J's own error; a full one is not folded character by character
            }
            return firstTrap(lo, hi) >= 0;
        }

        private int firstTrap(int lo, int hi) {
            int at = Arrays.binarySearch(traps, lo);
            int index = at >= 0 ? at : -at - 1;
            return index < traps.length && traps[index] <= hi ? traps[index] : -1;
        }

        private static String describe(int rune) {
            return String.format("cannot be matched ignoring case: it contains U+%04X (%s), which the regular "
                    + "expression engine cannot fold; match case for it or leave it out", rune, Character.getName(rune));
        }
    }
}
