package io.sluice.manage;

import io.sluice.config.GatewaySettings;
import io.sluice.policy.ConfigurationChanged;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The gateway's run-time settings (one set, created by the first migration). */
@Stateless
public class SettingsService {

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    Event<ConfigurationChanged> changed;

    public SettingsData get() {
        GatewaySettings s = settings();
        return SettingsData.of(s.version(), s.settings());
    }

    public SettingsData update(SettingsData in, long expectedVersion) {
        GatewaySettings s = settings();
        checks.version("settings", s.version(), expectedVersion);
        checks.valid(in, violations -> in.check(s.settings(), violations));
        s.change(in.over(s.settings()));
        checks.flush(em, "settings", expectedVersion);
        changed.fire(new ConfigurationChanged("settings"));
        return SettingsData.of(s.version(), s.settings());
    }

    private GatewaySettings settings() {
        return em.find(GatewaySettings.class, GatewaySettings.ID);
    }
}
