package io.sluice.arc;

import io.sluice.dkim.HeaderField;
import io.sluice.dkim.TagList;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARC sets of a message (RFC 8617 §4), by instance: each an ARC-Authentication-Results, an
 * ARC-Message-Signature and an ARC-Seal with the same {@code i=}. {@link #read} checks the
 * structure (§5.2 steps 1 to 3): instances 1 to N, each complete and unique, N at most 50.
 */
final class ArcChain {

    static final String AAR = "ARC-Authentication-Results";
    static final String AMS = "ARC-Message-Signature";
    static final String AS = "ARC-Seal";
    static final int MAX_INSTANCES = 50;

    /** One ARC set. */
    record Set(HeaderField results, HeaderField signature, HeaderField seal) {
    }

    /** The chain's structure is broken. */
    static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message);
        }
    }

    private ArcChain() {
    }

    /** The sets in instance order (index 0 is i=1); empty when the message has no ARC field. */
    static List<Set> read(List<HeaderField> header) throws Broken {
        HeaderField[][] found = new HeaderField[MAX_INSTANCES + 1][3];
        int max = 0;
        for (HeaderField f : header) {
            int kind = f.is(AAR) ? 0 : f.is(AMS) ? 1 : f.is(AS) ? 2 : -1;
            if (kind < 0) {
                continue;
            }
            int i = instance(f);
            if (i < 1 || i > MAX_INSTANCES) {
                throw new Broken(f.name() + " has an instance outside 1 to " + MAX_INSTANCES);
            }
            if (found[i][kind] != null) {
                throw new Broken("two " + f.name() + " fields with i=" + i);
            }
            found[i][kind] = f;
            max = Math.max(max, i);
        }
        List<Set> sets = new ArrayList<>(max);
        for (int i = 1; i <= max; i++) {
            if (found[i][0] == null || found[i][1] == null || found[i][2] == null) {
                throw new Broken("ARC set " + i + " is incomplete");
            }
            sets.add(new Set(found[i][0], found[i][1], found[i][2]));
        }
        return sets;
    }

    /** The {@code i=} of an ARC field, -1 when it has none that reads. */
    static int instance(HeaderField f) {
        String value = f.value();
        if (f.is(AAR)) {
            int semicolon = value.indexOf(';');
            value = semicolon < 0 ? value : value.substring(0, semicolon); // the rest is Authentication-Results syntax
        }
        try {
            String i = TagList.parse(value).get("i");
            return i != null && i.matches("[0-9]{1,2}") ? Integer.parseInt(i) : -1;
        } catch (TagList.SyntaxException e) {
            return -1;
        }
    }
}
