package io.sluice.manage;

import io.sluice.security.AdminLogin;
import io.sluice.security.AdminSessions;
import io.sluice.security.AdminUser;
import io.sluice.security.PasswordHash;
import io.sluice.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.logging.Logger;

/**
 * Users of the admin API. Passwords are stored as salted PBKDF2 digests only. There is always at
 * least one admin: the last one can be neither deleted nor demoted.
 */
@Stateless
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    AdminLogin login;

    @Inject
    AdminSessions sessions;

    public Page<UserData> list(int page, int size) {
        return Checks.paged(em, AdminUser.class, "e.username", UserData::of, page, size);
    }

    public UserData get(String username) {
        return UserData.of(find(username));
    }

    public UserData create(UserData in) {
        checks.valid(in, violations -> {
            if (in.password() == null) {
                violations.add(new Violation("password", "is required for a new user"));
            }
            if (in.username() != null && byName(in.username()) != null) {
                violations.add(new Violation("username", "a user " + in.username() + " exists already"));
            }
            scopeOf(in, violations);
        });
        AdminUser u = new AdminUser(in.username(), in.role(), PasswordHash.of(in.password()));
        u.administer(in.domains() == null ? List.of() : in.domains());
        em.persist(u);
        checks.flushNew(em, "user " + u.username());
        LOG.info(() -> "admin API user " + u.username() + " created with role " + u.role());
        return UserData.of(u);
    }

    /** Changes the role and a domain administrator's domains (all there is to a user besides the password). */
    public UserData update(String username, UserData in, long expectedVersion) {
        AdminUser u = find(username);
        checks.version("user " + username, u.version(), expectedVersion);
        UserData changed = new UserData(username, in == null ? null : in.role(), in == null ? null : in.domains(),
                null, null, null);
        checks.valid(changed, violations -> scopeOf(changed, violations));
        if (u.role() == Role.admin && in.role() != Role.admin) {
            keepOneAdmin(username);
        }
        u.assign(in.role());
        u.administer(in.domains() == null ? List.of() : in.domains());
        checks.flush(em, "user " + username, expectedVersion);
        loggedOut(username);
        return UserData.of(u);
    }

    /**
     * A domain administrator needs domains and the other roles take none; a mailbox owner is never a
     * stored user (the mail server has their password).
     */
    private static void scopeOf(UserData in, List<Violation> violations) {
        boolean some = in.domains() != null && !in.domains().isEmpty();
        if (in.role() == Role.domainadmin && !some) {
            violations.add(new Violation("domains", "a domain administrator needs at least one domain"));
        } else if (in.role() != null && in.role() != Role.domainadmin && some) {
            violations.add(new Violation("domains", "only a domain administrator has domains"));
        }
        if (in.role() == Role.mailbox) {
            violations.add(new Violation("role", "mailbox owners log in with their mail server password and are not "
                    + "created here; choose admin, auditor or domainadmin"));
        }
    }

    /** The domains of a domain administrator (none for anyone else). */
    public java.util.Set<String> domainsOf(String username) {
        AdminUser u = byName(username);
        return u == null || u.role() != Role.domainadmin ? java.util.Set.of() : u.domains();
    }

    public void changePassword(String username, UserData.Password in) {
        AdminUser u = find(username);
        checks.valid(in);
        u.setPassword(PasswordHash.of(in.password()));
        em.flush();
        loggedOut(username);
        LOG.info(() -> "admin API user " + username + " has a new password");
    }

    public void delete(String username) {
        AdminUser u = find(username);
        if (u.role() == Role.admin) {
            keepOneAdmin(username);
        }
        em.remove(u);
        loggedOut(username);
        LOG.info(() -> "admin API user " + username + " deleted");
    }

    /** A changed role or password, or a deleted user: console sessions end, the old password stops working at once. */
    private void loggedOut(String username) {
        login.forget(username);
        sessions.endFor(username);
    }

    private void keepOneAdmin(String leaving) {
        long admins = em.createQuery("select count(u) from AdminUser u where u.role = :r", Long.class)
                .setParameter("r", Role.admin).getSingleResult();
        if (admins <= 1) {
            throw new ManageException.Conflict(leaving + " is the last admin; make another user admin first");
        }
    }

    private AdminUser find(String username) {
        AdminUser u = byName(username);
        if (u == null) {
            throw new ManageException.NotFound("user " + username);
        }
        return u;
    }

    private AdminUser byName(String username) {
        return em.createQuery("select u from AdminUser u where u.username = :n", AdminUser.class)
                .setParameter("n", username).getResultStream().findFirst().orElse(null);
    }
}
