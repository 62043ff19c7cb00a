package io.sluice.persistence;

import io.sluice.health.DamagedDatabase;
import io.sluice.health.DatabaseStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the database schema to the version this build expects, before anything else uses it:
 * the versioned SQL migrations in {@code db/migration}, applied once each (Flyway keeps the
 * history in {@code flyway_schema_history}). Beans that read the database depend on this one.
 *
 * <p>This is the first use of the database at start. When its file turns out to be damaged, the
 * start goes on without it: {@link DatabaseStatus} records the damage, the log says what to do,
 * and the beans that depend on this one leave the database alone. Any other failure still fails
 * the deployment, as before.
 */
@Singleton
@Startup
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Inject
    DatabaseStatus status;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits on its own connections
    void migrate() {
        try {
            bringUpToDate();
        } catch (RuntimeException e) {
            Optional<DamagedDatabase> damage = DamagedDatabase.in(e);
            if (damage.isEmpty()) {
                throw e;
            }
            status.damaged(damage.get());
            LOG.severe(damage.get().instructions());
        }
    }

    private void bringUpToDate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholderReplacement(false) // ${...} in the seeded notification templates is theirs
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }
}
