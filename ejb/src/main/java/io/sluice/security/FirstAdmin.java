package io.sluice.security;

import io.sluice.config.NodeProperties;
import io.sluice.health.DatabaseStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.logging.Logger;

/**
 * On the first start (no admin API user at all), creates the user "admin" with a random password
 * and prints it once to the server log. The password is stored only as a salted hash. A password
 * can be given instead with the system property {@code sluice.admin.initial-password} (then it is
 * not printed), for automated installs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class FirstAdmin {

    static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    NodeProperties node;

    @Inject
    DatabaseStatus database;

    @PostConstruct
    void createIfNone() {
        if (!database.usable()) {
            return; // a damaged database: no new admin until it is repaired (DatabaseMigration)
        }
        long users = em.createQuery("select count(u) from AdminUser u", Long.class).getSingleResult();
        if (users > 0) {
            return;
        }
        String given = node.initialPassword();
        String password = given == null ? PasswordHash.randomPassword() : given;
        em.persist(new AdminUser(USERNAME, Role.admin, PasswordHash.of(password)));
        if (given == null) {
            LOG.warning("Sluice admin API: created user '" + USERNAME + "' with password '" + password
                    + "'. It is shown this once; change it with PUT /api/v1/users/" + USERNAME + "/password.");
        } else {
            LOG.warning("Sluice admin API: created user '" + USERNAME + "' with the password from "
                    + "sluice.admin.initial-password.");
        }
    }
}
