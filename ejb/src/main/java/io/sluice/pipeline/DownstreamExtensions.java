package io.sluice.pipeline;

import io.sluice.downstream.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.logging.Logger;

/**
 * What the mail server behind offers, looked up through the pool (once a minute by default): the
 * engine's extension units offer one such as SMTPUTF8 only when they can pass it on.
 */
@ApplicationScoped
public class DownstreamExtensions {

    private static final Logger LOG = Logger.getLogger(DownstreamExtensions.class.getName());
    /** How long an answer is used: {@code sluice.downstream.extensions-seconds}, one minute by default. */
    private static final long MAX_AGE_NANOS = Long.getLong("sluice.downstream.extensions-seconds", 60) * 1_000_000_000L;

    @Inject
    Downstream downstream;

    private volatile Set<String> known = Set.of();
    private volatile long checkedAt = System.nanoTime() - MAX_AGE_NANOS;

    public boolean has(String keyword) {
        return offered().contains(keyword);
    }

    /** The EHLO keywords the mail server listed (upper case), as last seen; empty while unknown. */
    public Set<String> offered() {
        if (System.nanoTime() - checkedAt >= MAX_AGE_NANOS) {
            refresh();
        }
        return known;
    }

    private synchronized void refresh() {
        if (System.nanoTime() - checkedAt < MAX_AGE_NANOS) {
            return;
        }
        checkedAt = System.nanoTime();
        try {
            known = Set.copyOf(downstream.call("EHLO", c -> c.extensions()));
        } catch (Exception e) {
            LOG.fine(() -> "cannot see what the mail server offers now: " + e.getMessage());
        }
    }
}
