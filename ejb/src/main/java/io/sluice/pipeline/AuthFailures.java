package io.sluice.pipeline;

import io.sluice.limit.RateWindows;
import io.sluice.config.Connections;
import io.sluice.config.SettingsCache;
import io.sluice.policy.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.function.LongSupplier;

/**
 * Failed AUTH attempts per real client address, counted across connections on this node (the
 * session itself only ends after a few failures; a client would simply reconnect). Once an
 * address has failed as often as the settings allow within the interval, its AUTH is refused
 * without asking the mail server until the interval is over.
 *
 * <p>An attempt holds its place while the mail server is asked, so parallel connections cannot
 * get past the limit together; one that did not fail gives it back. A successful AUTH does not
 * wipe the failures, or a client with one account of its own could reset its count between
 * guesses at others.
 */
@ApplicationScoped
public class AuthFailures {

    @Inject
    SettingsCache settings;

    private final RateWindows failures;

    public AuthFailures() {
        this(System::nanoTime);
    }

    /** With a clock of its own ({@link System#nanoTime()} or a test's). */
    AuthFailures(LongSupplier nanoClock) {
        this.failures = new RateWindows(nanoClock);
    }

    /**
     * Before the mail server is asked: returns 0 when {@code address} may try (the attempt then
     * holds a place until {@link #settle}); otherwise how many of its attempts have been refused
     * in this interval, 1 for the first.
     */
    int begin(String address) {
        Connections c = settings.current().connections();
        if (c.authFailures() <= 0) {
            return 0;
        }
        return failures.take(address, c.authFailures(), c.authFailureInterval());
    }

    /** The mail server's answer to an attempt {@link #begin} let through: only a failure keeps its place. */
    void settle(String address, boolean failed) {
        if (!failed && settings.current().connections().authFailures() > 0) {
            failures.giveBack(address);
        }
    }

    /** Forgets the counts when the configuration changes, as the other limits do: new limits start from zero. */
    void reset(@Observes ConfigurationChanged change) {
        failures.clear();
    }
}
