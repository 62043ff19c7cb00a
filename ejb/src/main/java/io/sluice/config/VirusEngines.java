package io.sluice.config;

/** Which virus engines scan each message. */
public enum VirusEngines {
    EMBEDDED, CLAMD, BOTH;

    public boolean embedded() {
        return this != CLAMD;
    }

    public boolean clamd() {
        return this != EMBEDDED;
    }
}
