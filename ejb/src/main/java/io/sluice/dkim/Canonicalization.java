package io.sluice.dkim;

import java.util.Locale;

/** The two canonicalisation algorithms of RFC 6376 §3.4, for header fields and for the body. */
public enum Canonicalization {

    SIMPLE, RELAXED;

    public static Canonicalization of(String name) {
        return switch (name) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization " + name);
        };
    }

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The field as it is hashed, with its CRLF (§3.4.1, §3.4.2). Simple: unchanged. Relaxed: the
     * name in lower case, unfolded, runs of WSP as one SP, no WSP at the end of the value nor
     * around the colon.
     */
    public String header(String raw) {
        if (this == SIMPLE) {
            return raw + "\r\n";
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            colon = raw.length(); // a line without a colon (never selected by a signature): all name, no value
            raw = raw + ":";
        }
        String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1);
        StringBuilder b = new StringBuilder(raw.length() + 2).append(name).append(':');
        boolean space = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfold: a fold's CRLF is removed, its WSP stays (and is reduced below)
            }
            if (c == ' ' || c == '\t') {
                space = started;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
            started = true;
        }
        return b.append("\r\n").toString();
    }

    /** A body canonicaliser that writes its output to {@code sink}. */
    public BodyCanonicalizer body(BodyCanonicalizer.Sink sink) {
        return new BodyCanonicalizer(this == RELAXED, sink);
    }
}
