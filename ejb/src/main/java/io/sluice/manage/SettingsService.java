package io.sluice.manage;

import io.sluice.config.ArcSealing;
import io.sluice.config.GatewaySettings;
import io.sluice.config.SenderChecks;
import io.sluice.policy.ConfigurationChanged;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

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
        checks.valid(in, violations -> {
            in.check(s.settings(), violations);
            if (violations.isEmpty()) {
                sealing(s.settings().senderChecks(), in.over(s.settings()).senderChecks(), violations);
            }
        });
        s.change(in.over(s.settings()));
        checks.flush(em, "settings", expectedVersion);
        changed.fire(new ConfigurationChanged("settings"));
        return SettingsData.of(s.version(), s.settings());
    }

    /**
     * ARC sealing, as the settings would stand after the change: it passes on the results of the
     * DKIM/DMARC checks, so one of them must run, and it needs a key to seal with. Reported at
     * the field that enables or names what is missing. Checked only when one of those fields
     * changes, so that a key deleted later does not block every other change of the settings (the
     * gateway then delivers unsealed and logs why).
     */
    private void sealing(SenderChecks now, SenderChecks c, List<Violation> violations) {
        boolean same = now.arcSeal() == c.arcSeal() && now.arcSealDomain().equals(c.arcSealDomain())
                && now.dkim() == c.dkim() && now.dmarc() == c.dmarc();
        if (c.arcSeal() == ArcSealing.OFF || same) {
            return;
        }
        if (!c.dkim() && !c.dmarc()) {
            violations.add(new Violation("senderChecks.arcSeal", "needs dkim or dmarc on: the seal passes on their results"));
        }
        if (c.arcSealDomain().isEmpty()) {
            violations.add(new Violation("senderChecks.arcSealDomain", "must name the domain whose active DKIM key seals"));
        } else if (em.createQuery("select count(k) from DkimKey k where k.domain = :d and k.active = true", Long.class)
                .setParameter("d", c.arcSealDomain()).getSingleResult() == 0) {
            violations.add(new Violation("senderChecks.arcSealDomain",
                    "has no active DKIM key: create or activate one at /api/v1/dkim-keys"));
        }
    }

    private GatewaySettings settings() {
        return em.find(GatewaySettings.class, GatewaySettings.ID);
    }
}
