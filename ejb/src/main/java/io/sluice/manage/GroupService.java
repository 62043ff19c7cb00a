package io.sluice.manage;

import io.sluice.policy.AddressGroup;
import io.sluice.policy.AddressMatch;
import io.sluice.policy.ConfigurationChanged;
import io.sluice.policy.MatchKind;
import io.sluice.policy.Policy;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Address groups. Renaming a group renames it in every policy that uses it; deleting a group that a
 * policy still uses is refused.
 */
@Stateless
@LocalBean
public class GroupService implements Crud<GroupData> {

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    PolicyService policies;

    @Inject
    Event<ConfigurationChanged> changed;

    @Override
    public Page<GroupData> list(int page, int size) {
        return Checks.paged(em, AddressGroup.class, "e.name", GroupData::of, page, size);
    }

    @Override
    public GroupData get(long id) {
        return GroupData.of(find(id));
    }

    @Override
    public GroupData create(GroupData in) {
        validate(in, null);
        AddressGroup g = new AddressGroup(in.name().trim());
        g.describe(in.description());
        g.replaceMembers(members(in));
        em.persist(g);
        checks.flushNew(em, "group " + g.name());
        changed.fire(new ConfigurationChanged("group " + g.name()));
        return GroupData.of(g);
    }

    @Override
    public GroupData update(long id, GroupData in, long expectedVersion) {
        AddressGroup g = find(id);
        checks.version("group " + id, g.version(), expectedVersion);
        validate(in, g);
        String newName = in.name().trim();
        if (!newName.equals(g.name())) {
            renameReferences(g.name(), newName);
            g.rename(newName);
        }
        g.describe(in.description());
        g.replaceMembers(members(in));
        checks.flush(em, "group " + id, expectedVersion);
        changed.fire(new ConfigurationChanged("group " + g.name()));
        return GroupData.of(g);
    }

    @Override
    public void delete(long id, Long expectedVersion) {
        AddressGroup g = find(id);
        if (expectedVersion != null) {
            checks.version("group " + id, g.version(), expectedVersion);
        }
        List<String> users = policies.policiesUsingGroup(g.name());
        if (!users.isEmpty()) {
            throw new ManageException.Conflict("group " + g.name() + " is used by the policies " + users);
        }
        em.remove(g);
        checks.flush(em, "group " + id, g.version());
        changed.fire(new ConfigurationChanged("group " + g.name()));
    }

    private AddressGroup find(long id) {
        AddressGroup g = em.find(AddressGroup.class, id);
        if (g == null) {
            throw new ManageException.NotFound("group " + id);
        }
        return g;
    }

    private static Set<String> members(GroupData in) {
        return in.members().stream().map(m -> m.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void validate(GroupData in, AddressGroup existing) {
        checks.valid(in, violations -> {
            String name = in.name() == null ? "" : in.name().trim();
            Long clash = em.createQuery("select g.id from AddressGroup g where g.name = :n", Long.class)
                    .setParameter("n", name).getResultStream().findFirst().orElse(null);
            if (clash != null && (existing == null || !clash.equals(existing.id()))) {
                violations.add(new Violation("name", "another group is already called " + name));
            }
        });
    }

    private void renameReferences(String oldName, String newName) {
        for (Policy p : em.createQuery("select p from Policy p", Policy.class).getResultList()) {
            rename(p.senders(), oldName, newName);
            rename(p.recipients(), oldName, newName);
            rename(p.senderExceptions(), oldName, newName);
            rename(p.recipientExceptions(), oldName, newName);
        }
    }

    private static void rename(List<AddressMatch> matches, String oldName, String newName) {
        for (int i = 0; i < matches.size(); i++) {
            AddressMatch m = matches.get(i);
            if (m.kind() == MatchKind.GROUP && oldName.equals(m.value())) {
                matches.set(i, new AddressMatch(MatchKind.GROUP, newName));
            }
        }
    }
}
