package io.sluice.policy;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled set of address conditions: exact addresses, domains and domains-with-subdomains, as
 * used for a policy's condition lists and for the members of an address group. Values are kept in
 * canonical form, the form {@link Address#of} gives the envelope's addresses, so that comparing
 * spellings compares mailboxes. Lookups are hash lookups, so large groups cost no more than small ones.
 */
final class AddressPattern {

    static final AddressPattern NOTHING = new AddressPattern(false, Set.of(), Set.of(), List.of());

    private final boolean any;
    private final Set<String> addresses;
    private final Set<String> domains;
    private final List<String> parentDomains;

    private AddressPattern(boolean any, Set<String> addresses, Set<String> domains, List<String> parentDomains) {
        this.any = any;
        this.addresses = addresses;
        this.domains = domains;
        this.parentDomains = parentDomains;
    }

    /** Group members: "user@example.com", "example.com" or "*.example.com". */
    static AddressPattern ofMembers(Collection<String> members) {
        Builder b = new Builder();
        for (String m : members) {
            b.member(m);
        }
        return b.build();
    }

    boolean matches(Address a) {
        if (any) {
            return true;
        }
        if (a.isNull()) {
            return false;
        }
        if (addresses.contains(a.full()) || domains.contains(a.domain())) {
            return true;
        }
        for (String parent : parentDomains) {
            if (a.inDomainOrBelow(parent)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return !any && addresses.isEmpty() && domains.isEmpty() && parentDomains.isEmpty();
    }

    /** Collects conditions; groups are merged in as their members. */
    static final class Builder {
        private boolean any;
        private final Set<String> addresses = new HashSet<>();
        private final Set<String> domains = new HashSet<>();
        private final Set<String> parents = new HashSet<>();

        Builder any() {
            any = true;
            return this;
        }

        Builder address(String a) {
            addresses.add(Address.of(a.trim()).full());
            return this;
        }

        Builder domain(String d) {
            domains.add(Address.domainOf(d));
            return this;
        }

        Builder domainAndBelow(String d) {
            parents.add(Address.domainOf(d));
            return this;
        }

        Builder member(String m) {
            String v = m.trim();
            if (v.contains("@")) {
                return address(v);
            }
            return v.startsWith("*.") ? domainAndBelow(v.substring(2)) : domain(v);
        }

        Builder include(AddressPattern p) {
            any |= p.any;
            addresses.addAll(p.addresses);
            domains.addAll(p.domains);
            parents.addAll(p.parentDomains);
            return this;
        }

        AddressPattern build() {
            return new AddressPattern(any, Set.copyOf(addresses), Set.copyOf(domains), List.copyOf(parents));
        }
    }
}
