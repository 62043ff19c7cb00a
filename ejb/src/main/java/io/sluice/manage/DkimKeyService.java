package io.sluice.manage;

import io.sluice.api.MailboxSyntax;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.SigningKey;
import io.sluice.policy.ConfigurationChanged;
import io.sluice.signing.DkimKey;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * DKIM signing keys: generated here (the private key never comes in nor goes out), listed with the
 * record to publish, activated (one per domain: activating one deactivates the others of its
 * domain) and deleted. Rotation by selector: create under a new selector, publish, activate.
 */
@Stateless
@LocalBean
public class DkimKeyService implements Crud<DkimKeyData> {

    /** A selector is one or more DNS labels (RFC 6376 §3.1). */
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    Event<ConfigurationChanged> changed;

    @Override
    public Page<DkimKeyData> list(int page, int size) {
        return Checks.paged(em, DkimKey.class, "e.domain, e.selector", DkimKeyService::data, page, size);
    }

    @Override
    public DkimKeyData get(long id) {
        return data(find(id));
    }

    @Override
    public DkimKeyData create(DkimKeyData in) {
        String domain = in == null || in.domain() == null ? "" : in.domain().trim().toLowerCase(Locale.ROOT);
        String selector = in == null || in.selector() == null ? "" : in.selector().trim();
        String algorithm = in == null || in.algorithm() == null ? Algorithm.RSA_SHA256.tag() : in.algorithm().trim();
        checks.valid(in, violations -> {
            if (domain.isEmpty()) {
                violations.add(new Violation("domain", "must not be blank"));
            } else if (!MailboxSyntax.isDomain(domain)) {
                violations.add(new Violation("domain", "is not a domain name"));
            }
            if (selector.isEmpty()) {
                violations.add(new Violation("selector", "must not be blank"));
            } else if (!SELECTOR.matcher(selector).matches()) {
                violations.add(new Violation("selector", "is not a DNS label (letters, digits, hyphens; dots between labels)"));
            }
            Algorithm a = Algorithm.of(algorithm);
            if (a != Algorithm.RSA_SHA256 && a != Algorithm.ED25519_SHA256) {
                violations.add(new Violation("algorithm", "must be rsa-sha256 or ed25519-sha256"));
            }
            if (!em.createQuery("select k.id from DkimKey k where k.domain = :d and k.selector = :s", Long.class)
                    .setParameter("d", domain).setParameter("s", selector).getResultList().isEmpty()) {
                violations.add(new Violation("selector", "selector " + selector + " of " + domain + " exists already"));
            }
        });
        DkimKey k = new DkimKey(SigningKey.generate(domain, selector, Algorithm.of(algorithm)), Instant.now());
        em.persist(k);
        if (Boolean.TRUE.equals(in.active())) {
            activate(k);
        }
        checks.flushNew(em, "DKIM key " + selector + " of " + domain);
        changed.fire(new ConfigurationChanged("DKIM key " + selector + " of " + domain));
        return data(k);
    }

    @Override
    public DkimKeyData update(long id, DkimKeyData in, long expectedVersion) {
        DkimKey k = find(id);
        checks.version("DKIM key " + id, k.version(), expectedVersion);
        checks.valid(in, violations -> {
            String fixed = "cannot be changed: create a key under a new selector instead";
            if (in.domain() != null && !in.domain().trim().equalsIgnoreCase(k.domain())) {
                violations.add(new Violation("domain", fixed));
            }
            if (in.selector() != null && !in.selector().trim().equals(k.selector())) {
                violations.add(new Violation("selector", fixed));
            }
            if (in.algorithm() != null && !in.algorithm().trim().equals(k.algorithm())) {
                violations.add(new Violation("algorithm", fixed));
            }
            if (in.active() == null) {
                violations.add(new Violation("active", "must be true or false"));
            }
        });
        if (in.active()) {
            activate(k);
        } else {
            k.activate(false);
        }
        checks.flush(em, "DKIM key " + id, expectedVersion);
        changed.fire(new ConfigurationChanged("DKIM key " + k.selector() + " of " + k.domain()));
        return data(k);
    }

    @Override
    public void delete(long id, Long expectedVersion) {
        DkimKey k = find(id);
        if (expectedVersion != null) {
            checks.version("DKIM key " + id, k.version(), expectedVersion);
        }
        em.remove(k);
        checks.flush(em, "DKIM key " + id, k.version());
        changed.fire(new ConfigurationChanged("DKIM key " + k.selector() + " of " + k.domain()));
    }

    /** This key signs for its domain from now on; the domain's other keys stop. */
    private void activate(DkimKey k) {
        for (DkimKey other : em.createQuery("select k from DkimKey k where k.domain = :d and k.active = true", DkimKey.class)
                .setParameter("d", k.domain()).getResultList()) {
            if (!Objects.equals(other.id(), k.id())) {
                other.activate(false);
            }
        }
        k.activate(true);
    }

    private DkimKey find(long id) {
        DkimKey k = em.find(DkimKey.class, id);
        if (k == null) {
            throw new ManageException.NotFound("DKIM key " + id);
        }
        return k;
    }

    private static DkimKeyData data(DkimKey k) {
        try {
            SigningKey key = k.signingKey();
            return DkimKeyData.of(k, key.recordName(), key.txtRecord());
        } catch (GeneralSecurityException e) {
            return DkimKeyData.of(k, k.selector() + "._domainkey." + k.domain(), null);
        }
    }
}
