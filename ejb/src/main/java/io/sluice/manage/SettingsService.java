package io.sluice.manage;

import io.sluice.api.Cidr;
import io.sluice.api.MailboxSyntax;
import io.sluice.config.GatewaySettings;
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
            String a = in.adminAddress();
            if (a != null && !a.isBlank() && !MailboxSyntax.isValid(a.trim())) {
                violations.add(new Violation("adminAddress", "is not an e-mail address"));
            }
            if (in.internalNetworks() != null) {
                networks(in.internalNetworks(), violations);
            }
            if (in.virus() != null) {
                engineAddress("virus.clamdAddress", in.virus().clamdAddress(), violations);
            }
            if (in.spam() != null) {
                engineAddress("spam.spamdAddress", in.spam().spamdAddress(), violations);
                engineAddress("spam.rspamdAddress", in.spam().rspamdAddress(), violations);
            }
        });
        s.change(in.over(s.settings()));
        checks.flush(em, "settings", expectedVersion);
        changed.fire(new ConfigurationChanged("settings"));
        return SettingsData.of(s.version(), s.settings());
    }

    /** Each an IPv4 or IPv6 address or CIDR block (Bean Validation has reported null ones already). */
    private static void networks(List<String> blocks, List<Violation> out) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) == null) {
                continue;
            }
            try {
                Cidr.parse(blocks.get(i));
            } catch (IllegalArgumentException e) {
                out.add(new Violation("internalNetworks[" + i + "]", e.getMessage()));
            }
        }
    }

    /** "host:port", "unix:/absolute/path", or for Rspamd also "http://host:port". */
    private static void engineAddress(String field, String value, List<Violation> out) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.trim();
        boolean ok;
        if (v.startsWith("unix:")) {
            ok = v.length() > 6 && v.charAt(5) == '/';
        } else {
            String hostPort = v.startsWith("http://") ? v.substring(7).replaceAll("/.*$", "") : v;
            int colon = hostPort.lastIndexOf(':');
            ok = colon > 0 && hostPort.substring(colon + 1).matches("\\d{1,5}")
                    && Integer.parseInt(hostPort.substring(colon + 1)) <= 65535;
        }
        if (!ok) {
            out.add(new Violation(field, "must be host:port or unix:/path"));
        }
    }

    private GatewaySettings settings() {
        return em.find(GatewaySettings.class, GatewaySettings.ID);
    }
}
