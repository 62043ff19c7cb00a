package io.sluice.manage;

import io.sluice.api.MailboxSyntax;
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
        return SettingsData.of(settings());
    }

    public SettingsData update(SettingsData in, long expectedVersion) {
        GatewaySettings s = settings();
        checks.version("settings", s.version(), expectedVersion);
        checks.valid(in, violations -> {
            String a = in.adminAddress();
            if (a != null && !a.isBlank() && !MailboxSyntax.isValid(a.trim())) {
                violations.add(new Violation("adminAddress", "is not an e-mail address"));
            }
        });
        String address = in.adminAddress() == null || in.adminAddress().isBlank() ? null : in.adminAddress().trim();
        s.change(address, in.headerPrefix());
        checks.flush(em, "settings", expectedVersion);
        changed.fire(new ConfigurationChanged("settings"));
        return SettingsData.of(s);
    }

    private GatewaySettings settings() {
        return em.find(GatewaySettings.class, GatewaySettings.ID);
    }
}
