package io.sluice.security;

import io.sluice.config.Connections;
import io.sluice.config.SettingsCache;
import io.sluice.limit.RateWindows;
import io.sluice.policy.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks an admin API password, whether it comes with HTTP Basic or the console's login form.
 *
 * <ul>
 * <li>An unknown user costs the same PBKDF2 work as a known one, so timing does not tell which
 * user names exist.</li>
 * <li>Failures are limited per client address with the same numbers as SMTP AUTH
 * ({@code connections.authFailuresPerInterval}), counted apart from it; an attempt holds its place
 * while it is checked, so parallel guesses cannot pass the limit together.</li>
 * <li>A digest made with fewer iterations than today's is replaced by a new one at the first
 * successful login, while the password is at hand.</li>
 * <li>One log line per failure, {@code Admin login failed: client=IP user=NAME}, for fail2ban.</li>
 * </ul>
 */
@ApplicationScoped
public class AdminLogin {

    private static final Logger LOG = Logger.getLogger(AdminLogin.class.getName());

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    SettingsCache settings;

    private final RateWindows failures;
    private final VerifiedCredentials verified;
    /** What an unknown user's password is checked against: the work of a real check, never a match. */
    private final PasswordHash nobody = PasswordHash.of(PasswordHash.randomPassword());

    public AdminLogin() {
        this(System::nanoTime);
    }

    AdminLogin(LongSupplier nanoClock) {
        this.failures = new RateWindows(nanoClock);
        this.verified = new VerifiedCredentials(nanoClock);
    }

    @Transactional
    public LoginOutcome login(String username, String password, String clientAddress) {
        if (username == null || password == null) {
            return new LoginOutcome.Refused();
        }
        Role known = verified.admitted(username, password).orElse(null);
        if (known != null) {
            return new LoginOutcome.Admitted(username, known);
        }
        Connections limits = limits();
        int refused = limits.authFailures() > 0
                ? failures.take(clientAddress, limits.authFailures(), limits.authFailureInterval()) : 0;
        if (refused > 0) {
            // the first refusal of an interval is enough for fail2ban; one line per attempt would let a client flood the log
            LOG.log(refused == 1 ? Level.WARNING : Level.FINE, () -> "Admin login failed: client=" + clientAddress
                    + " user=" + printable(username) + " reason=too-many-failures");
            return new LoginOutcome.Limited(limits.authFailureInterval());
        }
        AdminUser user = find(username);
        boolean matches = (user == null ? nobody : user.passwordHash()).matches(password) && user != null;
        if (!matches) {
            LOG.warning("Admin login failed: client=" + clientAddress + " user=" + printable(username)
                    + " reason=" + (user == null ? "no-such-user" : "wrong-password"));
            return new LoginOutcome.Refused();
        }
        if (limits.authFailures() > 0) {
            failures.giveBack(clientAddress);
        }
        if (user.passwordHash().outdated()) {
            int before = user.passwordHash().iterations();
            user.setPassword(PasswordHash.of(password));
            LOG.info("Admin user " + printable(username) + ": password digest renewed from " + before + " to "
                    + PasswordHash.ITERATIONS + " PBKDF2 iterations");
        }
        verified.remember(username, password, user.role());
        return new LoginOutcome.Admitted(user.username(), user.role());
    }

    /** After {@code username}'s password or role changed or the user was deleted: no shortcut for them any more. */
    public void forget(String username) {
        verified.forget(username);
    }

    /** Forgets the failure counts when the configuration changes, as the SMTP limits do. */
    void reset(@Observes ConfigurationChanged change) {
        failures.clear();
    }

    Connections limits() {
        return settings.current().connections();
    }

    AdminUser find(String username) {
        List<AdminUser> found = em.createQuery("select u from AdminUser u where u.username = :n", AdminUser.class)
                .setParameter("n", username).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The name as it may appear in one log line: no control characters, at most 64 characters. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == ' ' ? '?' : c));
        return b.toString();
    }
}
