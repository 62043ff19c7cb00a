package io.sluice.manage;

import io.sluice.policy.MatchKind;
import io.sluice.policy.MatchSpec;
import io.sluice.policy.PolicyData;
import io.sluice.security.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyScopeTest {

    private static final Scope ORG = new Scope.Domains(Set.of("example.org"));

    private static PolicyData to(MatchSpec... recipients) {
        return new PolicyData(null, null, "p", null, null, null, null, null, null, List.of(recipients), null, null, null);
    }

    @Test
    void aPolicyIsADomainAdministratorsWhenEveryRecipientLiesInTheirDomains() {
        assertTrue(PolicyScope.covers(ORG, to(new MatchSpec(MatchKind.DOMAIN, "Example.org"),
                new MatchSpec(MatchKind.ADDRESS, "ceo@example.org"))));
        assertFalse(PolicyScope.covers(ORG, to(new MatchSpec(MatchKind.DOMAIN, "example.org"),
                new MatchSpec(MatchKind.ADDRESS, "ceo@example.com"))));
        assertTrue(PolicyScope.covers(Scope.EVERYTHING, to(MatchSpec.ANY)));
    }

    @Test
    void whatMayReachBeyondTheDomainsIsRefusedAtItsField() {
        assertEquals(List.of(new Violation("recipients[0].kind", "must be an address or a domain of yours"),
                        new Violation("recipients[1].kind", "must be an address or a domain of yours"),
                        new Violation("recipients[2].kind", "must be an address or a domain of yours"),
                        new Violation("recipients[3].value", "is outside your domains"),
                        new Violation("recipients[4].value", "is outside your domains")),
                PolicyScope.outside(ORG, to(MatchSpec.ANY, new MatchSpec(MatchKind.SUBDOMAINS, "example.org"),
                        new MatchSpec(MatchKind.GROUP, "staff"), new MatchSpec(MatchKind.DOMAIN, "sub.example.org"),
                        new MatchSpec(MatchKind.ADDRESS, "x@example.org.evil"))));
    }
}
