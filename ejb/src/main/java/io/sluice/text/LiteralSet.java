package io.sluice.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of literal strings found in one pass over a text, whatever their number
 * (Aho–Corasick, with the failure links resolved into a full transition table). Built once and
 * shared: {@link #find} keeps no state between calls, so any number of threads may use one set.
 * Matching is exact, char by char: a caller that wants case-insensitivity folds the text itself.
 */
public final class LiteralSet {

    /** Chars below this have their class in an array; the rest in a map (rare in rules). */
    private static final int DIRECT = 256;

    private final int[] directClass = new int[DIRECT];
    private final Map<Character, Integer> otherClass = new HashMap<>();
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
        size = literals.size();
        int n = 1;
        for (String s : literals) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < DIRECT) {
                    if (directClass[c] == 0) {
                        directClass[c] = n++;
                    }
                } else if (!otherClass.containsKey(c)) {
                    otherClass.put(c, n++);
                }
            }
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

    private int classOf(char c) {
        return c < DIRECT ? directClass[c] : otherClassOf(c);
    }

    private int otherClassOf(char c) {
        Integer cls = otherClass.get(c);
        return cls == null ? 0 : cls;
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
        // fields in locals: this loop is the whole cost
        int[] t = table;
        int[] direct = directClass;
        int width = classes;
        int row = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
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
