package io.sluice.security;

import io.sluice.api.ClientOrigin;
import io.sluice.api.MailboxSyntax;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.config.Connections;
import io.sluice.config.SettingsCache;
import io.sluice.downstream.Downstream;
import io.sluice.limit.RateWindows;
import io.sluice.policy.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.resource.ResourceException;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;
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
 * <li>A name that is no stored user but a mail address is a mailbox owner's: the password is checked
 * with the mail server's own AUTH, exactly as an SMTP client's (acting for the browser's address
 * with XCLIENT where the mail server offers it), and kept nowhere. Its 235 admits them with the role
 * {@link Role#mailbox}; the failure limit above counts their failures too.</li>
 * </ul>
 */
@ApplicationScoped
public class AdminLogin {

    private static final Logger LOG = Logger.getLogger(AdminLogin.class.getName());

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    SettingsCache settings;

    @Inject
    Downstream downstream;

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
        if (user == null && MailboxSyntax.isValid(username)) {
            return mailbox(username, password, clientAddress, limits);
        }
        boolean matches = (user == null ? nobody : user.passwordHash()).matches(password) && user != null;
        if (!matches) {
            LOG.warning("Admin login failed: client=" + clientAddress + " user=" + printable(username)
                    + " reason=" + (user == null ? "no-such-user" : "wrong-password"));
            return new LoginOutcome.Refused();
        }
        giveBack(clientAddress, limits);
        if (user.passwordHash().outdated()) {
            int before = user.passwordHash().iterations();
            user.setPassword(PasswordHash.of(password));
            LOG.info("Admin user " + printable(username) + ": password digest renewed from " + before + " to "
                    + PasswordHash.ITERATIONS + " PBKDF2 iterations");
        }
        verified.remember(username, password, user.role());
        return new LoginOutcome.Admitted(user.username(), user.role());
    }

    private LoginOutcome mailbox(String address, String password, String clientAddress, Connections limits) {
        Reply r;
        try {
            r = downstream.call("mailbox login", c -> c.authenticate(new ClientOrigin(clientAddress, 0, null, "ESMTP",
                    null), address, password));
        } catch (ResourceException | RelayException e) {
            LOG.warning(() -> "Mailbox login of " + printable(address) + " from " + clientAddress + " not checked: "
                    + "the mail server cannot be asked: " + e.getMessage());
            giveBack(clientAddress, limits);
            return new LoginOutcome.Unavailable();
        }
        if (r.code() == ReplyCode.AUTHENTICATION_SUCCEEDED) {
            giveBack(clientAddress, limits);
            String owner = address.toLowerCase(Locale.ROOT);
            verified.remember(address, password, Role.mailbox);
            LOG.info(() -> "Mailbox owner " + printable(owner) + " logged in from " + clientAddress);
            return new LoginOutcome.Admitted(owner, Role.mailbox);
        }
        if (r.code() < 500) {
            giveBack(clientAddress, limits);
            LOG.warning(() -> "Mailbox login of " + printable(address) + " from " + clientAddress + " not checked: "
                    + "the mail server answered " + r);
            return new LoginOutcome.Unavailable();
        }
        LOG.warning("Admin login failed: client=" + clientAddress + " user=" + printable(address)
                + " reason=mail-server-refused");
        return new LoginOutcome.Refused();
    }

    /** A check that was not a failure gives its place in the failure limit back. */
    private void giveBack(String clientAddress, Connections limits) {
        if (limits.authFailures() > 0) {
            failures.giveBack(clientAddress);
        }
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
