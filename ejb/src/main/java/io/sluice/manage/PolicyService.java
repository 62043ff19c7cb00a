package io.sluice.manage;

import io.sluice.api.Cidr;
import io.sluice.policy.ConfigurationChanged;
import io.sluice.policy.Direction;
import io.sluice.policy.MatchKind;
import io.sluice.policy.MatchSpec;
import io.sluice.policy.Policy;
import io.sluice.policy.PolicyCache;
import io.sluice.policy.PolicyData;
import io.sluice.policy.PolicySnapshot;
import io.sluice.policy.Resolution;
import io.sluice.policy.RuleSpec;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Policies as the admin API manages them. Every change is validated, guarded by the policy's
 * version, and fires {@link ConfigurationChanged} so that the next SMTP transaction sees it.
 */
@Stateless
@LocalBean
public class PolicyService implements Crud<PolicyData> {

    /** Gap between positions given by reorder or to a new policy without one. */
    static final int STEP = 10;

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    @Inject
    Checks checks;

    @Inject
    PolicyCache cache;

    @Inject
    Event<ConfigurationChanged> changed;

    @Override
    public Page<PolicyData> list(int page, int size) {
        return Checks.paged(em, Policy.class, "e.isDefault, e.position, e.id", PolicyData::of, page, size);
    }

    @Override
    public PolicyData get(long id) {
        return PolicyData.of(find(id));
    }

    @Override
    public PolicyData create(PolicyData in) {
        validate(in, null);
        int position = in.position() != null ? in.position() : nextPosition();
        Policy p = new Policy(in.name().trim(), position);
        apply(p, in);
        em.persist(p);
        checks.flushNew(em, "policy " + p.name());
        changed.fire(new ConfigurationChanged("policy " + p.name()));
        return PolicyData.of(p);
    }

    @Override
    public PolicyData update(long id, PolicyData in, long expectedVersion) {
        Policy p = find(id);
        checks.version("policy " + id, p.version(), expectedVersion);
        validate(in, p);
        p.rename(in.name().trim());
        if (!p.isDefault() && in.position() != null) {
            p.moveTo(in.position());
        }
        apply(p, in);
        checks.flush(em, "policy " + id, expectedVersion);
        changed.fire(new ConfigurationChanged("policy " + p.name()));
        return PolicyData.of(p);
    }

    @Override
    public void delete(long id, Long expectedVersion) {
        Policy p = find(id);
        if (p.isDefault()) {
            throw new ManageException.Conflict("the default policy cannot be deleted");
        }
        if (expectedVersion != null) {
            checks.version("policy " + id, p.version(), expectedVersion);
        }
        em.remove(p);
        checks.flush(em, "policy " + id, p.version());
        changed.fire(new ConfigurationChanged("policy " + p.name()));
    }

    /** Puts the policies in the given order (every policy but the default, each once). */
    public List<PolicyData> reorder(List<Long> ids) {
        List<Policy> all = em.createQuery("select p from Policy p where p.isDefault = false", Policy.class)
                .getResultList();
        Set<Long> expected = new HashSet<>();
        all.forEach(p -> expected.add(p.id()));
        if (ids == null || ids.size() != expected.size() || !expected.equals(new HashSet<>(ids))) {
            throw new ManageException.InvalidInput(List.of(new Violation("ids",
                    "must list every policy but the default exactly once: " + expected)));
        }
        for (Policy p : all) {
            p.moveTo((ids.indexOf(p.id()) + 1) * STEP);
        }
        em.flush();
        changed.fire(new ConfigurationChanged("policy order"));
        return list(0, Page.MAX_SIZE).items();
    }

    /**
     * Which policy applies to this pair now, and why, from the same snapshot SMTP uses, in the
     * direction SMTP would give a client at this address that did or did not authenticate.
     *
     * @param client the client's IP address, or {@code null} for a client outside every internal network
     */
    public Resolution explain(String sender, String recipient, String client, boolean authenticated) {
        if (client != null && !isAddress(client)) {
            throw new ManageException.InvalidInput(List.of(new Violation("client", "is not an IP address")));
        }
        PolicySnapshot snapshot = cache.snapshot();
        return snapshot.resolve(sender == null ? "" : sender, recipient, snapshot.isOutbound(client, authenticated),
                true);
    }

    /** An IPv4 or IPv6 literal (no prefix length; never a name, which would need DNS). */
    private static boolean isAddress(String text) {
        try {
            Cidr.parse(text);
            return text.indexOf('/') < 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Policy find(long id) {
        Policy p = em.find(Policy.class, id);
        if (p == null) {
            throw new ManageException.NotFound("policy " + id);
        }
        return p;
    }

    private int nextPosition() {
        Integer max = em.createQuery("select max(p.position) from Policy p where p.isDefault = false", Integer.class)
                .getSingleResult();
        return max == null ? STEP : max + STEP;
    }

    private void apply(Policy p, PolicyData in) {
        p.describe(in.description());
        p.enable(p.isDefault() || in.enabled());
        p.direct(p.isDefault() ? Direction.BOTH : in.direction());
        p.replaceLists(matches(in.senders()), matches(in.recipients()), matches(in.senderExceptions()),
                matches(in.recipientExceptions()), in.rules().stream().map(RuleSpec::toEntity).toList());
    }

    private static List<io.sluice.policy.AddressMatch> matches(List<MatchSpec> specs) {
        return specs.stream().map(MatchSpec::toEntity).toList();
    }

    /** Bean Validation, then what needs the database: unique name, known groups, the default's fixed parts. */
    private void validate(PolicyData in, Policy existing) {
        checks.valid(in, violations -> {
            String name = in.name() == null ? "" : in.name().trim();
            Long clash = em.createQuery("select p.id from Policy p where p.name = :n", Long.class)
                    .setParameter("n", name).getResultStream().findFirst().orElse(null);
            if (clash != null && (existing == null || !clash.equals(existing.id()))) {
                violations.add(new Violation("name", "another policy is already called " + name));
            }
            Set<String> groups = new HashSet<>(em.createQuery("select g.name from AddressGroup g", String.class)
                    .getResultList());
            groupsExist("senders", in.senders(), groups, violations);
            groupsExist("recipients", in.recipients(), groups, violations);
            groupsExist("senderExceptions", in.senderExceptions(), groups, violations);
            groupsExist("recipientExceptions", in.recipientExceptions(), groups, violations);
            if (existing != null && existing.isDefault()) {
                defaultStaysUniversal(in, violations);
            }
        });
    }

    private static void groupsExist(String field, List<MatchSpec> specs, Set<String> groups, List<Violation> out) {
        for (int i = 0; i < specs.size(); i++) {
            MatchSpec m = specs.get(i);
            if (m != null && m.kind() == MatchKind.GROUP && m.value() != null && !groups.contains(m.value())) {
                out.add(new Violation(field + "[" + i + "].value", "no address group is called " + m.value()));
            }
        }
    }

    private static void defaultStaysUniversal(PolicyData in, List<Violation> out) {
        List<MatchSpec> any = List.of(MatchSpec.ANY);
        String why = "the default policy applies to every message and cannot be narrowed";
        if (!any.equals(in.senders())) {
            out.add(new Violation("senders", why));
        }
        if (!any.equals(in.recipients())) {
            out.add(new Violation("recipients", why));
        }
        if (!in.senderExceptions().isEmpty()) {
            out.add(new Violation("senderExceptions", why));
        }
        if (!in.recipientExceptions().isEmpty()) {
            out.add(new Violation("recipientExceptions", why));
        }
        if (in.direction() != Direction.BOTH) {
            out.add(new Violation("direction", why));
        }
        if (!in.enabled()) {
            out.add(new Violation("enabled", "the default policy cannot be disabled"));
        }
    }

    /** Names of the policies that refer to a group (to refuse deleting it). */
    public List<String> policiesUsingGroup(String group) {
        List<String> names = new ArrayList<>();
        for (Policy p : em.createQuery("select p from Policy p", Policy.class).getResultList()) {
            PolicyData d = PolicyData.of(p);
            if (usesGroup(d.senders(), group) || usesGroup(d.recipients(), group) || usesGroup(d.senderExceptions(), group)
                    || usesGroup(d.recipientExceptions(), group)) {
                names.add(p.name());
            }
        }
        return names;
    }

    private static boolean usesGroup(List<MatchSpec> specs, String group) {
        return specs.stream().anyMatch(m -> m.kind() == MatchKind.GROUP && group.equals(m.value()));
    }
}
