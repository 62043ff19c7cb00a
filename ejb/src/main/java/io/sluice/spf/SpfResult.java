package io.sluice.spf;

import java.util.Locale;

/** The results of an SPF check (RFC 7208 §2.6), by their keywords. */
public enum SpfResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    /** The keyword as RFC 7208 and RFC 8601 write it: "pass", "softfail" ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result a keyword names; an unknown one is a permanent error of the check. */
    public static SpfResult of(String keyword) {
        try {
            return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return PERMERROR;
        }
    }
}
