package io.sluice.manage;

import io.sluice.api.MailboxSyntax;
import io.sluice.policy.ConfigurationChanged;
import io.sluice.policy.InternalDomain;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Locale;

/**
 * The organisation's own domains, as a list the admin API keeps. They do not decide the direction
 * of mail (see {@link io.sluice.policy.Direction}).
 */
@Stateless
@LocalBean
public class DomainService implements Crud<DomainData> {

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    Event<ConfigurationChanged> changed;

    @Override
    public Page<DomainData> list(int page, int size) {
        return Checks.paged(em, InternalDomain.class, "e.name", DomainData::of, page, size);
    }

    @Override
    public DomainData get(long id) {
        return DomainData.of(find(id));
    }

    @Override
    public DomainData create(DomainData in) {
        String name = validate(in, null);
        InternalDomain d = new InternalDomain(name);
        em.persist(d);
        checks.flushNew(em, "internal domain " + name);
        changed.fire(new ConfigurationChanged("internal domain " + name));
        return DomainData.of(d);
    }

    @Override
    public DomainData update(long id, DomainData in, long expectedVersion) {
        InternalDomain d = find(id);
        checks.version("internal domain " + id, d.version(), expectedVersion);
        d.rename(validate(in, d));
        checks.flush(em, "internal domain " + id, expectedVersion);
        changed.fire(new ConfigurationChanged("internal domain " + d.name()));
        return DomainData.of(d);
    }

    @Override
    public void delete(long id, Long expectedVersion) {
        InternalDomain d = find(id);
        if (expectedVersion != null) {
            checks.version("internal domain " + id, d.version(), expectedVersion);
        }
        em.remove(d);
        checks.flush(em, "internal domain " + id, d.version());
        changed.fire(new ConfigurationChanged("internal domain " + d.name()));
    }

    private InternalDomain find(long id) {
        InternalDomain d = em.find(InternalDomain.class, id);
        if (d == null) {
            throw new ManageException.NotFound("internal domain " + id);
        }
        return d;
    }

    /** Returns the normalized name. */
    private String validate(DomainData in, InternalDomain existing) {
        String name = in == null || in.name() == null ? "" : in.name().trim().toLowerCase(Locale.ROOT);
        checks.valid(in, violations -> {
            if (!name.isEmpty() && !MailboxSyntax.isDomain(name)) {
                violations.add(new Violation("name", "is not a domain name"));
            }
            Long clash = em.createQuery("select d.id from InternalDomain d where d.name = :n", Long.class)
                    .setParameter("n", name).getResultStream().findFirst().orElse(null);
            if (clash != null && (existing == null || !clash.equals(existing.id()))) {
                violations.add(new Violation("name", name + " is already an internal domain"));
            }
        });
        return name;
    }
}
