package io.sluice.signing;

import io.sluice.dkim.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The active DKIM keys by domain, held in memory so that signing reads no database: loaded with
 * the policies (at start, after each change, once a minute) by {@code PolicyLoader}.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    private volatile Map<String, SigningKey> byDomain = Map.of();

    /** Loads the active keys; a key that no longer decodes is logged and left out. */
    public void reload(EntityManager em) {
        Map<String, SigningKey> next = new HashMap<>();
        for (DkimKey k : em.createQuery("select k from DkimKey k where k.active = true", DkimKey.class).getResultList()) {
            try {
                next.put(k.domain(), k.signingKey());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.warning(() -> "DKIM key " + k.selector() + " of " + k.domain() + " cannot be read: " + e.getMessage());
            }
        }
        byDomain = Map.copyOf(next);
    }

    /**
     * The key for mail from {@code domain}: its own, else the nearest parent domain's (a signature
     * by a parent domain aligns with it under DMARC's relaxed alignment); null when none.
     */
    public SigningKey forDomain(String domain) {
        Map<String, SigningKey> keys = byDomain;
        for (String d = domain; d != null; d = parent(d)) {
            SigningKey k = keys.get(d);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** The active key of exactly {@code domain}, no parent's (the key that ARC-seals for it); null when none. */
    public SigningKey of(String domain) {
        return byDomain.get(domain);
    }

    /** For tests and for a loader that has its keys already. */
    public void replace(Map<String, SigningKey> keys) {
        byDomain = Map.copyOf(keys);
    }

    private static String parent(String d) {
        int dot = d.indexOf('.');
        return dot < 0 || d.indexOf('.', dot + 1) < 0 ? null : d.substring(dot + 1); // never a bare TLD
    }
}
