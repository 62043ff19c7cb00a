package io.sluice.scan.virus;

import java.util.ArrayList;
import java.util.List;

/**
 * A body signature compiled from ClamAV's hex notation (the subset documented in the README):
 * exact bytes, nibble wildcards ({@code a?}, {@code ?a}), any byte ({@code ??}), bounded gaps
 * ({@code {n}}, {@code {n-m}}, {@code {-m}}, {@code {n-}}) and {@code *} (a gap of up to
 * {@link #STAR_MAX} octets). A signature is a list of fixed-length segments of (value, mask)
 * bytes with gaps between them.
 */
final class BodySignature {

    /** How far {@code *} reaches: signatures must fit a bounded window to be matched in a stream. */
    static final int STAR_MAX = 4096;
    static final int MAX_SPAN = 64 * 1024;

    final String name;
    /** Absolute offset the match must start at, or -1 for anywhere. */
    final long offset;
    /** With {@link #offset}: how far past it the start may lie ("n,shift" offsets). */
    final long shift;
    final byte[][] values;
    final byte[][] masks;
    final int[] gapMin;   // gap before segment i (unused for i = 0)
    final int[] gapMax;
    final int maxSpan;

    private BodySignature(String name, long offset, long shift, List<byte[]> values, List<byte[]> masks,
                          List<int[]> gaps) {
        this.name = name;
        this.offset = offset;
        this.shift = shift;
        this.values = values.toArray(new byte[0][]);
        this.masks = masks.toArray(new byte[0][]);
        this.gapMin = new int[gaps.size()];
        this.gapMax = new int[gaps.size()];
        int span = 0;
        for (int i = 0; i < gaps.size(); i++) {
            gapMin[i] = gaps.get(i)[0];
            gapMax[i] = gaps.get(i)[1];
            span += gapMax[i] + this.values[i].length;
        }
        this.maxSpan = span;
    }

    /** A signature of the exact bytes {@code literal}. */
    static BodySignature literal(String name, long offset, byte[] literal) {
        byte[] mask = new byte[literal.length];
        java.util.Arrays.fill(mask, (byte) 0xFF);
        return new BodySignature(name, offset, 0, List.of(literal.clone()), List.of(mask), List.of(new int[] {0, 0}));
    }

    /**
     * Parses ClamAV hex notation. Alternatives ({@code (aa|bb)}), anchored bytes ({@code [n-m]})
     * and character classes are not supported: such a signature is refused.
     */
    static BodySignature parse(String name, long offset, long shift, String hex) {
        List<byte[]> values = new ArrayList<>();
        List<byte[]> masks = new ArrayList<>();
        List<int[]> gaps = new ArrayList<>();
        java.io.ByteArrayOutputStream v = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        int[] pendingGap = {0, 0};
        String h = hex.trim().toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < h.length()) {
            char c = h.charAt(i);
            if (c == '*' || c == '{') {
                int[] gap;
                if (c == '*') {
                    gap = new int[] {0, STAR_MAX};
                    i++;
                } else {
                    int close = h.indexOf('}', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed { in " + name);
                    }
                    gap = range(h.substring(i + 1, close), name);
                    i = close + 1;
                }
                if (v.size() == 0) {
                    throw new IllegalArgumentException("a gap cannot start signature " + name);
                }
                values.add(v.toByteArray());
                masks.add(m.toByteArray());
                gaps.add(pendingGap);
                v.reset();
                m.reset();
                pendingGap = gap;
                continue;
            }
            if (i + 1 >= h.length()) {
                throw new IllegalArgumentException("odd number of hex digits in " + name);
            }
            char hi = h.charAt(i);
            char lo = h.charAt(i + 1);
            int value = 0;
            int mask = 0;
            if (hi != '?') {
                value |= nibble(hi, name) << 4;
                mask |= 0xF0;
            }
            if (lo != '?') {
                value |= nibble(lo, name);
                mask |= 0x0F;
            }
            v.write(value);
            m.write(mask);
            i += 2;
        }
        if (v.size() == 0) {
            throw new IllegalArgumentException("signature " + name + " ends with a gap or is empty");
        }
        values.add(v.toByteArray());
        masks.add(m.toByteArray());
        gaps.add(pendingGap);
        BodySignature s = new BodySignature(name, offset, shift, values, masks, gaps);
        if (s.maxSpan > MAX_SPAN) {
            throw new IllegalArgumentException("signature " + name + " may span more than " + MAX_SPAN + " octets");
        }
        return s;
    }

    private static int[] range(String spec, String name) {
        try {
            int dash = spec.indexOf('-');
            if (dash < 0) {
                int n = Integer.parseInt(spec);
                return new int[] {n, n};
            }
            int lo = dash == 0 ? 0 : Integer.parseInt(spec.substring(0, dash));
            int hi = dash == spec.length() - 1 ? STAR_MAX : Integer.parseInt(spec.substring(dash + 1));
            if (lo < 0 || hi < lo) {
                throw new IllegalArgumentException("bad gap {" + spec + "} in " + name);
            }
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad gap {" + spec + "} in " + name, e);
        }
    }

    private static int nibble(char c, String name) {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new IllegalArgumentException("unsupported character '" + c + "' in signature " + name);
        }
        return d;
    }

    /** The first two bytes, if exact: used to index signatures by how they start. */
    int firstTwo() {
        return values[0].length >= 2 && masks[0][0] == (byte) 0xFF && masks[0][1] == (byte) 0xFF
                ? ((values[0][0] & 0xFF) << 8) | (values[0][1] & 0xFF) : -1;
    }

    int firstOne() {
        return masks[0][0] == (byte) 0xFF ? values[0][0] & 0xFF : -1;
    }

    /** Whether the signature matches at {@code start} in {@code buf[0, limit)}. */
    boolean matchesAt(byte[] buf, int start, int limit) {
        return segment(buf, start, limit, 0);
    }

    private boolean segment(byte[] buf, int at, int limit, int index) {
        byte[] val = values[index];
        byte[] mask = masks[index];
        if (at + val.length > limit) {
            return false;
        }
        for (int k = 0; k < val.length; k++) {
            if ((buf[at + k] & mask[k] & 0xFF) != (val[k] & 0xFF)) {
                return false;
            }
        }
        int next = index + 1;
        if (next == values.length) {
            return true;
        }
        int end = at + val.length;
        for (int gap = gapMin[next]; gap <= gapMax[next] && end + gap + values[next].length <= limit; gap++) {
            if (segment(buf, end + gap, limit, next)) {
                return true;
            }
        }
        return false;
    }
}
