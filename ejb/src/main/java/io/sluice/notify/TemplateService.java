package io.sluice.notify;

import io.sluice.manage.Checks;
import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notification templates. The ones the gateway uses by default can be edited but not deleted;
 * others can be added for NOTIFY actions that name them.
 */
@Stateless
@LocalBean
public class TemplateService {

    /** The templates the gateway falls back to; they always exist. */
    public static final Set<String> BUILT_IN = Set.of("virus-admin", "virus-sender", "virus-recipients", "admin",
            "sender", "recipients", "quarantine-recipients", "digest");

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    public Page<TemplateData> list(int page, int size) {
        List<TemplateData> items = em.createQuery("select t from NotificationTemplate t order by t.name",
                        NotificationTemplate.class)
                .setFirstResult(Checks.page(page) * Checks.size(size)).setMaxResults(Checks.size(size))
                .getResultList().stream().map(TemplateData::of).toList();
        long total = em.createQuery("select count(t) from NotificationTemplate t", Long.class).getSingleResult();
        return new Page<>(items, page, size, total);
    }

    public TemplateData get(String name) {
        return TemplateData.of(find(name));
    }

    /** The template, if it exists; for the notifier, which falls back to a built-in one. */
    public Optional<TemplateData> lookup(String name) {
        return Optional.ofNullable(em.find(NotificationTemplate.class, name)).map(TemplateData::of);
    }

    /** Creates the template or, if it exists and is still at {@code expectedVersion}, changes it. */
    public TemplateData put(String name, TemplateData in, Long expectedVersion) {
        checks.valid(in == null ? null : new TemplateData(name, in.version(), in.subject(), in.body()));
        NotificationTemplate t = em.find(NotificationTemplate.class, name);
        if (t == null) {
            t = new NotificationTemplate(name, in.subject(), in.body());
            em.persist(t);
            checks.flushNew(em, "template " + name);
            return TemplateData.of(t);
        }
        if (expectedVersion == null) {
            throw new ManageException.Conflict("template " + name + " exists: send its version (If-Match) to change it");
        }
        checks.version("template " + name, t.version(), expectedVersion);
        t.change(in.subject(), in.body());
        checks.flush(em, "template " + name, expectedVersion);
        return TemplateData.of(t);
    }

    /** A template as it would read, filled with example values ({@link TemplatePreview}); nothing is stored. */
    public TemplateData preview(String name, TemplateData in) {
        TemplateData draft = in == null ? null : new TemplateData(name, in.version(), in.subject(), in.body());
        checks.valid(draft);
        return TemplatePreview.of(draft);
    }

    public void delete(String name, Long expectedVersion) {
        NotificationTemplate t = find(name);
        if (BUILT_IN.contains(name)) {
            throw new ManageException.Conflict("template " + name + " is built in: it can be changed, not deleted");
        }
        if (expectedVersion != null) {
            checks.version("template " + name, t.version(), expectedVersion);
        }
        em.remove(t);
        checks.flush(em, "template " + name, t.version());
    }

    private NotificationTemplate find(String name) {
        NotificationTemplate t = em.find(NotificationTemplate.class, name);
        if (t == null) {
            throw new ManageException.NotFound("template " + name);
        }
        return t;
    }
}
