package io.sluice.policy;

import io.sluice.health.DatabaseStatus;
import io.sluice.config.GatewaySettings;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.signing.SigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the {@link PolicySnapshot} into the {@link PolicyCache}, the run-time settings into the
 * {@link SettingsCache} and the active DKIM keys into {@link SigningKeys}: at start, after every
 * committed change made through the admin API, and once a minute in case another node (or someone
 * with SQL) changed the database.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PolicyLoader {

    private static final Logger LOG = Logger.getLogger(PolicyLoader.class.getName());

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    PolicyCache cache;

    @Inject
    DatabaseStatus database;

    @Inject
    SettingsCache settings;

    @Inject
    SigningKeys signingKeys;

    @Resource
    ManagedExecutorService executor;

    /** This bean through its container proxy, so that reload() gets its own transaction. */
    @Resource
    SessionContext context;

    private PolicyLoader self;

    @PostConstruct
    void start() {
        self = context.getBusinessObject(PolicyLoader.class);
        if (database.usable()) { // else nothing is served that needs policies (DatabaseMigration)
            reload();
        }
    }

    /**
     * After the change committed. This runs while the committing thread finishes its transaction,
     * where no new one may start, so the reload runs on another thread; waiting for it means the
     * admin API answers only once the change is live for the next SMTP transaction.
     */
    public void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigurationChanged change) {
        try {
            executor.submit(self::reload).get(30, TimeUnit.SECONDS);
            LOG.info(() -> "policies reloaded after a change to " + change.what() + ": " + cache.snapshot().policies());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the minute timer will catch up; the change itself is committed
            LOG.log(Level.WARNING, "reloading policies after a change to " + change.what() + " failed", e);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
    void refresh() {
        if (database.usable()) {
            reload();
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reload() {
        List<PolicyData> policies = em.createQuery("select p from Policy p", Policy.class).getResultList().stream()
                .map(PolicyData::of).toList();
        Map<String, Set<String>> groups = new HashMap<>();
        for (AddressGroup g : em.createQuery("select g from AddressGroup g", AddressGroup.class).getResultList()) {
            groups.put(g.name(), new TreeSet<>(g.members()));
        }
        RuntimeSettings current = em.find(GatewaySettings.class, GatewaySettings.ID).settings();
        cache.replace(PolicySnapshot.of(policies, groups, current.internalNetworks()));
        settings.replace(current);
        signingKeys.reload(em);
    }
}
