package io.sluice.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed set of literal strings found in one pass over a text, whatever their number
 * (Aho–Corasick, with the failure links resolved into a full transition table). Built once and
 * shared: {@link #find} keeps no state between calls, so any number of threads may use one set.
 * Matching is exact, char by char, or {@linkplain #ignoringCase ignoring case} the way RE2's
 * {@code (?i)} does, so that no lower-cased copy of the text is needed.
 */
public final class LiteralSet {

    /** Chars below this have their class in an array; the rest are looked up in {@link #otherChars} (rare in rules). */
    private static final int DIRECT = 256;

    private final int[] directClass = new int[DIRECT];
    /** The classes of the other chars in the literals, sorted by char: a text char costs a search, no boxing. */
    private final char[] otherChars;
    private final int[] otherClasses;
    private final int classes;
    /**
     * At state * classes + class: the next state's row (next state * classes), or, when literals
     * end in the next state, -row - 1, so that the search loop tests a sign instead of loading
     * {@link #ends} for every char.
     */
    private final int[] table;
    /** Per state, the literals (their indices) that end there, or null. */
    private final int[][] ends;
    private final int size;

    /** The literals, each found by its index in this list; an empty literal is never found. */
    public LiteralSet(List<String> literals) {
        this(literals, false);
    }

    /**
     * The literals, found whatever the case of the text's letters. An ASCII letter matches what it
     * matches under RE2's {@code (?i)}: both cases, and for {@code s} and {@code k} also the long s
     * (U+017F) and the Kelvin sign (U+212A), which {@code toLowerCase} leaves as they are or
     * turns into something else. A text that writes "ſuſpended" is found by "suspended", as the
     * rule's expression finds it. Any other char matches its upper and lower case.
     */
    public static LiteralSet ignoringCase(List<String> literals) {
        return new LiteralSet(literals, true);
    }

    private LiteralSet(List<String> literals, boolean ignoringCase) {
        size = literals.size();
        Map<Character, Integer> otherClass = new HashMap<>();
        int n = 1;
        for (String s : literals) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < DIRECT ? directClass[c] : otherClass.getOrDefault(c, 0)) != 0) {
                    continue;
                }
                char[] orbit = ignoringCase ? caseOrbit(c) : new char[] {c};
                int cls = 0;
                for (char variant : orbit) { // orbits that share a char share a class (σ, ς and Σ)
                    cls = Math.max(cls, variant < DIRECT ? directClass[variant] : otherClass.getOrDefault(variant, 0));
                }
                cls = cls == 0 ? n++ : cls;
                for (char variant : orbit) {
                    if (variant < DIRECT) {
                        directClass[variant] = cls;
                    } else {
                        otherClass.put(variant, cls);
                    }
                }
            }
        }
        otherChars = new char[otherClass.size()];
        otherClasses = new int[otherClass.size()];
        int k = 0;
        for (Map.Entry<Character, Integer> e : new TreeMap<>(otherClass).entrySet()) {
            otherChars[k] = e.getKey();
            otherClasses[k++] = e.getValue();
        }
        classes = n; // class 0: a char in no literal, which always leads back to the start
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String s = literals.get(id);
            if (s.isEmpty()) {
                continue;
            }
            int state = 0;
            for (int i = 0; i < s.length(); i++) {
                int cls = classOf(s.charAt(i));
                if (trie.get(state)[cls] == 0) {
                    trie.get(state)[cls] = trie.size();
                    trie.add(new int[classes]);
                    out.add(new ArrayList<>());
                }
                state = trie.get(state)[cls];
            }
            out.get(state).add(id);
        }
        // breadth first: each state's failure is a shorter state, already complete
        int states = trie.size();
        int[] fail = new int[states];
        int[] next = new int[states * classes];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int cls = 1; cls < classes; cls++) {
            int child = trie.get(0)[cls];
            next[cls] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            out.get(state).addAll(out.get(fail[state]));
            for (int cls = 1; cls < classes; cls++) {
                int child = trie.get(state)[cls];
                if (child != 0) {
                    fail[child] = next[fail[state] * classes + cls];
                    next[state * classes + cls] = child;
                    queue.add(child);
                } else {
                    next[state * classes + cls] = next[fail[state] * classes + cls];
                }
            }
        }
        ends = new int[states][];
        for (int s = 0; s < states; s++) {
            List<Integer> o = out.get(s);
            ends[s] = o.isEmpty() ? null : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        table = new int[next.length];
        for (int i = 0; i < next.length; i++) {
            int row = next[i] * classes;
            table[i] = ends[next[i]] == null ? row : -row - 1;
        }
    }

    /** The chars that match {@code c} ignoring case (for ASCII letters, RE2's simple folding orbit). */
    private static char[] caseOrbit(char c) {
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        if (lower == 's' || lower == '\u017f') {
            return new char[] {'s', 'S', '\u017f'};
        }
        if (lower == 'k' || c == '\u212a') {
            return new char[] {'k', 'K', '\u212a'};
        }
        return new char[] {c, lower, upper};
    }

    private int classOf(char c) {
        return c < DIRECT ? directClass[c] : otherClassOf(c);
    }

    private int otherClassOf(char c) {
        int i = Arrays.binarySearch(otherChars, c);
        return i < 0 ? 0 : otherClasses[i];
    }

    /** How many literals the set was built from. */
    public int size() {
        return size;
    }

    /** Marks in {@code found} (indexed like the literals) each literal that occurs in {@code text}. */
    public void find(String text, boolean[] found) {
        if (classes == 1) {
            return; // nothing but empty literals
        }
        // fields in locals, the text copied into an array (no checks per charAt): this loop is the whole
        // cost, and the copy made it a third faster (JMH, 5 KB of Latin-1 text)
        int[] t = table;
        int[] direct = directClass;
        int width = classes;
        int row = 0;
        char[] chars = text.toCharArray();
        for (int i = 0, n = chars.length; i < n; i++) {
            char c = chars[i];
            int e = t[row + (c < DIRECT ? direct[c] : otherClassOf(c))];
            if (e >= 0) {
                row = e;
            } else {
                row = -e - 1;
                for (int id : ends[row / width]) {
                    found[id] = true;
                }
            }
        }
    }

    /** The literals of {@code literals} that occur in {@code text} (for tests and one-off use). */
    public boolean[] find(String text) {
        boolean[] found = new boolean[size];
        find(text, found);
        return found;
    }

    @Override
    public String toString() {
        return "LiteralSet[" + size + " literals, " + ends.length + " states]";
    }
}
