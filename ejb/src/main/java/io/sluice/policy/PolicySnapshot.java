package io.sluice.policy;

import io.sluice.config.InternalNetworks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything policy resolution needs, in memory and immutable: the policies in order (default
 * last), groups expanded, and the internal networks that make mail outbound. Built from the
 * database when anything changes; each SMTP transaction reads whichever snapshot is current,
 * without touching the database.
 */
public final class PolicySnapshot {

    private final List<PolicyRules> policies;
    private final Map<Long, PolicyRules> byId = new HashMap<>();
    private final InternalNetworks internalNetworks;

    private PolicySnapshot(List<PolicyRules> ordered, InternalNetworks internalNetworks) {
        this.policies = List.copyOf(ordered);
        for (PolicyRules p : ordered) {
            byId.put(p.id(), p);
        }
        this.internalNetworks = internalNetworks;
        if (policies.isEmpty() || !policies.get(policies.size() - 1).isDefault()) {
            throw new IllegalStateException("the default policy is missing");
        }
    }

    /**
     * Compiles policies and groups (name to members) into a snapshot with the internal networks.
     * Policies are ordered by position, then id; the default policy goes last whatever its position.
     */
    public static PolicySnapshot of(List<PolicyData> policies, Map<String, Set<String>> groups,
                                    InternalNetworks internalNetworks) {
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
        return new PolicySnapshot(compiled, internalNetworks);
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

    /**
     * Mail is outbound when the client authenticated (SMTP AUTH) or its real address lies in one of
     * the internal networks; all other mail is inbound. The sender address plays no part: any
     * client can write an internal domain into MAIL FROM.
     *
     * @param clientAddress the client's IP address (after PROXY protocol), or {@code null} if unknown
     */
    public boolean isOutbound(String clientAddress, boolean authenticated) {
        return authenticated || internalNetworks.contains(clientAddress);
    }

    /**
     * The first enabled policy, in order, whose conditions match and whose exceptions do not.
     *
     * @param outbound the direction, from {@link #isOutbound(String, boolean)}
     */
    public PolicyRules resolve(String sender, String recipient, boolean outbound) {
        return resolve(sender, recipient, outbound, false).policy();
    }

    /** As {@link #resolve(String, String, boolean)}, with an explanation when {@code explain} is set. */
    public Resolution resolve(String sender, String recipient, boolean outbound, boolean explain) {
        Address from = Address.of(sender);
        Address to = Address.of(recipient);
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
