package io.sluice.pipeline;

import io.sluice.config.NodeProperties;
import io.sluice.downstream.Downstream;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What the mail server behind offers, looked up through the pool (once a minute by default): the
 * engine's extension units offer one such as SMTPUTF8 only when they can pass it on.
 */
@ApplicationScoped
public class DownstreamExtensions {

    private static final Logger LOG = Logger.getLogger(DownstreamExtensions.class.getName());
    @Inject
    Downstream downstream;

    @Inject
    NodeProperties node;

    /** The clock the answer's age is measured with ({@link System#nanoTime()} or a test's). */
    LongSupplier nanoClock = System::nanoTime;

    /** How long an answer is used: {@code sluice.downstream.extensions-seconds}, one minute by default. */
    private long maxAgeNanos;
    private volatile Set<String> known = Set.of();
    private volatile long checkedAt;

    @PostConstruct
    void start() {
        maxAgeNanos = node.downstreamExtensions().toNanos();
        checkedAt = nanoClock.getAsLong() - maxAgeNanos;
    }

    public boolean has(String keyword) {
        return offered().contains(keyword);
    }

    /** The EHLO keywords the mail server listed (upper case), as last seen; empty while unknown. */
    public Set<String> offered() {
        if (nanoClock.getAsLong() - checkedAt >= maxAgeNanos) {
            refresh();
        }
        return known;
    }

    private synchronized void refresh() {
        if (nanoClock.getAsLong() - checkedAt < maxAgeNanos) {
            return;
        }
        checkedAt = nanoClock.getAsLong();
        try {
            known = Set.copyOf(downstream.call("EHLO", c -> c.extensions()));
        } catch (Exception e) {
            LOG.fine(() -> "cannot see what the mail server offers now: " + e.getMessage());
        }
    }
}
