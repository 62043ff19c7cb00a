package io.sluice.manage;

import io.sluice.policy.MatchKind;
import io.sluice.policy.MatchSpec;
import io.sluice.policy.PolicyData;
import io.sluice.security.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Which policies a domain administrator may see and change: those whose every recipient condition
 * lies within their domains (an address there, or exactly one of the domains). Any recipient, a
 * domain with its subdomains and an address group may reach beyond them, so such a policy is an
 * administrator's. Exceptions only narrow a policy and may be anything.
 */
public final class PolicyScope {

    private PolicyScope() {
    }

    public static boolean covers(Scope scope, PolicyData p) {
        return scope.everything() || (!p.isDefault() && outside(scope, p).isEmpty());
    }

    /** Each recipient condition beyond the scope, at its field (none with the whole gateway in scope). */
    public static List<Violation> outside(Scope scope, PolicyData p) {
        List<Violation> beyond = new ArrayList<>();
        if (scope.everything()) {
            return beyond;
        }
        List<MatchSpec> recipients = p.recipients();
        for (int i = 0; i < recipients.size(); i++) {
            MatchSpec m = recipients.get(i);
            if (m == null) {
                continue; // reported by the validation
            }
            String value = m.value() == null ? "" : m.value().trim();
            boolean within = switch (m.kind() == null ? MatchKind.ANY : m.kind()) {
                case ADDRESS -> scope.covers(value);
                case DOMAIN -> scope.covers("postmaster@" + value);
                case ANY, SUBDOMAINS, GROUP -> false;
            };
            if (!within) {
                boolean byKind = m.kind() == null || m.kind() == MatchKind.ANY || m.kind() == MatchKind.SUBDOMAINS
                        || m.kind() == MatchKind.GROUP;
                beyond.add(new Violation("recipients[" + i + "]." + (byKind ? "kind" : "value"), byKind
                        ? "must be an address or a domain of yours" : "is outside your domains"));
            }
        }
        return beyond;
    }
}
