package io.sluice.pipeline;

import java.util.Locale;

/**
 * What the scan found, as one value: what the tracking log, the metrics and the verdict header
 * report (their words are the names in lower case). The details (which virus, which score) travel
 * beside it.
 */
enum Verdict {
    VIRUS, UNSCANNABLE, SPAM, CLEAN, UNSCANNED;

    /** The word the tracking log, the metrics and the headers use. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
