package io.sluice.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything policy resolution needs, in memory and immutable: the policies in order (default
 * last), groups expanded, and the internal domains. Built from the database when anything changes;
 * each SMTP transaction reads whichever snapshot is current, without touching the database.
 */
public final class PolicySnapshot {

    private final List<PolicyRules> policies;
    private final Map<Long, PolicyRules> byId = new HashMap<>();
    private final Set<String> internalDomains;

    private PolicySnapshot(List<PolicyRules> ordered, Set<String> internalDomains) {
        this.policies = List.copyOf(ordered);
        for (PolicyRules p : ordered) {
            byId.put(p.id(), p);
        }
        this.internalDomains = Set.copyOf(internalDomains);
        if (policies.isEmpty() || !policies.get(policies.size() - 1).isDefault()) {
            throw new IllegalStateException("the default policy is missing");
        }
    }

    /**
     * Compiles policies, groups (name to members) and internal domains into a snapshot. Policies
     * are ordered by position, then id; the default policy goes last whatever its position.
     */
    public static PolicySnapshot of(List<PolicyData> policies, Map<String, Set<String>> groups, Set<String> domains) {
        Map<String, AddressPattern> compiledGroups = new HashMap<>();
        groups.forEach((name, members) -> compiledGroups.put(name, AddressPattern.ofMembers(members)));
        List<PolicyRules> compiled = new ArrayList<>();
        for (PolicyData p : policies) {
            compiled.add(new PolicyRules(p.id(), p.name(), p.version(), p.position(), p.enabled() || p.isDefault(),
                    p.isDefault(), p.direction(), pattern(p.senders(), compiledGroups),
                    pattern(p.recipients(), compiledGroups), pattern(p.senderExceptions(), compiledGroups),
                    pattern(p.recipientExceptions(), compiledGroups), p.rules()));
        }
        compiled.sort(Comparator.comparing(PolicyRules::isDefault).thenComparingInt(PolicyRules::position)
                .thenComparingLong(PolicyRules::id));
        return new PolicySnapshot(compiled,
                domains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet()));
    }

    private static AddressPattern pattern(List<MatchSpec> matches, Map<String, AddressPattern> groups) {
        AddressPattern.Builder b = new AddressPattern.Builder();
        for (MatchSpec m : matches) {
            switch (m.kind()) {
                case ANY -> b.any();
                case ADDRESS -> b.address(m.value());
                case DOMAIN -> b.domain(m.value());
                case SUBDOMAINS -> b.domainAndBelow(m.normalizedValue());
                case GROUP -> b.include(groups.getOrDefault(m.value(), AddressPattern.NOTHING));
            }
        }
        return b.build();
    }

    /** Mail is outbound when it comes from an internal domain or from an authenticated client. */
    public boolean isOutbound(Address sender, boolean authenticated) {
        return authenticated || (!sender.isNull() && internalDomains.contains(sender.domain()));
    }

    /** The first enabled policy, in order, whose conditions match and whose exceptions do not. */
    public PolicyRules resolve(String sender, String recipient, boolean authenticated) {
        return resolve(sender, recipient, authenticated, false).policy();
    }

    /** As {@link #resolve(String, String, boolean)}, with an explanation when {@code explain} is set. */
    public Resolution resolve(String sender, String recipient, boolean authenticated, boolean explain) {
        Address from = Address.of(sender);
        Address to = Address.of(recipient);
        boolean outbound = isOutbound(from, authenticated);
        List<Resolution.Step> steps = explain ? new ArrayList<>() : List.of();
        for (PolicyRules p : policies) {
            Resolution.Outcome why = p.test(from, to, outbound);
            if (explain) {
                steps.add(new Resolution.Step(p.id(), p.name(), why == null ? Resolution.Outcome.MATCHED : why));
            }
            if (why == null) {
                return new Resolution(p, outbound, steps);
            }
        }
        // the default policy matches everything; it only fails to if its conditions were narrowed
        return new Resolution(policies.get(policies.size() - 1), outbound, steps);
    }

    /** The policy with this id, or {@code null} if it no longer exists. */
    public PolicyRules byId(long id) {
        return byId.get(id);
    }

    public PolicyRules defaultPolicy() {
        return policies.get(policies.size() - 1);
    }

    public List<PolicyRules> policies() {
        return policies;
    }
}
