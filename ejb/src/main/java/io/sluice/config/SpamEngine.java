package io.sluice.config;

/** Which engine scores each message for spam. */
public enum SpamEngine {
    EMBEDDED, SPAMD, RSPAMD, NONE
}
