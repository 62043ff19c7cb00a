package io.sluice.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Policy resolution as a table: for each (sender, recipient, authenticated) the policy that must
 * apply, against one set of policies that exercises priority, wildcards, groups, exceptions,
 * direction, a disabled policy and the default.
 */
class PolicyResolutionTest {

    static final PolicySnapshot SNAPSHOT = PolicySnapshot.of(List.of(
            policy(1, "Executives", 10, true, Direction.INBOUND,
                    List.of(MatchSpec.ANY), List.of(group("executives")),
                    List.of(address("newsletter@news.org")), List.of()),
            policy(2, "Outbound", 20, true, Direction.OUTBOUND,
                    List.of(MatchSpec.ANY), List.of(MatchSpec.ANY), List.of(), List.of()),
            policy(3, "Partners", 30, true, Direction.BOTH,
                    List.of(group("partners")), List.of(MatchSpec.ANY), List.of(), List.of()),
            policy(4, "Sales", 40, true, Direction.INBOUND,
                    List.of(MatchSpec.ANY), List.of(new MatchSpec(MatchKind.SUBDOMAINS, "*.sales.example.com")),
                    List.of(), List.of(address("boss@eu.sales.example.com"))),
            policy(5, "Disabled", 5, false, Direction.BOTH,
                    List.of(MatchSpec.ANY), List.of(MatchSpec.ANY), List.of(), List.of()),
            policy(7, "Support late", 45, true, Direction.INBOUND,
                    List.of(MatchSpec.ANY), List.of(address("support@example.com")), List.of(), List.of()),
            policy(6, "Support early", 45, true, Direction.INBOUND,
                    List.of(MatchSpec.ANY), List.of(new MatchSpec(MatchKind.DOMAIN, "example.com")), List.of(),
                    List.of()),
            new PolicyData(99L, 0L, "Default", null, Policy.DEFAULT_POSITION, true, Direction.BOTH, true,
                    null, null, null, null, null)),
            Map.of("executives", Set.of("ceo@example.com", "CFO@example.com"),
                    "partners", Set.of("partner.org", "*.supplier.net")),
            Set.of("example.com"));

    @ParameterizedTest(name = "{0} -> {1} (auth {2}): {3}")
    @CsvSource({
            // sender,               recipient,                   auth,  expected policy
            "alice@outside.org,      ceo@example.com,             false, Executives",
            "ALICE@OUTSIDE.ORG,      Ceo@Example.COM,             false, Executives",
            "alice@outside.org,      cfo@example.com,             false, Executives",
            "newsletter@news.org,    ceo@example.com,             false, Support early",
            "ceo@example.com,        friend@outside.org,          false, Outbound",
            "cfo@example.com,        ceo@example.com,             false, Outbound",
            "bob@outside.org,        ceo@example.com,             true,  Outbound",
            "someone@partner.org,    x@elsewhere.org,             false, Partners",
            "someone@sub.partner.org, x@elsewhere.org,            false, Default",
            "a@deep.supplier.net,    x@elsewhere.org,             false, Partners",
            "a@supplier.net,         x@elsewhere.org,             false, Partners",
            "a@outside.org,          bob@eu.sales.example.com,    false, Sales",
            "a@outside.org,          bob@sales.example.com,       false, Sales",
            "a@outside.org,          boss@eu.sales.example.com,   false, Default",
            "a@outside.org,          bob@notsales.example.com,    false, Default",
            "'',                     ceo@example.com,             false, Executives",
            "'',                     x@elsewhere.org,             false, Default",
            "a@outside.org,          support@example.com,         false, Support early",
            "a@outside.org,          nobody@elsewhere.org,        false, Default",
    })
    void resolves(String sender, String recipient, boolean authenticated, String expected) {
        assertEquals(expected, SNAPSHOT.resolve(sender, recipient, authenticated).name());
    }

    @Test
    void theExplanationNamesEveryPolicyLookedAtAndWhy() {
        Resolution r = SNAPSHOT.resolve("newsletter@news.org", "ceo@example.com", false, true);
        assertEquals(List.of(
                new Resolution.Step(5, "Disabled", Resolution.Outcome.DISABLED),
                new Resolution.Step(1, "Executives", Resolution.Outcome.SENDER_EXCEPTED),
                new Resolution.Step(2, "Outbound", Resolution.Outcome.WRONG_DIRECTION),
                new Resolution.Step(3, "Partners", Resolution.Outcome.SENDER_NOT_MATCHED),
                new Resolution.Step(4, "Sales", Resolution.Outcome.RECIPIENT_NOT_MATCHED),
                new Resolution.Step(6, "Support early", Resolution.Outcome.MATCHED)), r.steps());
        assertEquals(false, r.outbound());
    }

    @Test
    void theDefaultPolicyIsLastWhateverItsPosition() {
        assertEquals("Default", SNAPSHOT.policies().get(SNAPSHOT.policies().size() - 1).name());
        assertEquals(99, SNAPSHOT.defaultPolicy().id());
    }

    static PolicyData policy(long id, String name, int position, boolean enabled, Direction direction,
                             List<MatchSpec> senders, List<MatchSpec> recipients,
                             List<MatchSpec> senderExceptions, List<MatchSpec> recipientExceptions) {
        return new PolicyData(id, 0L, name, null, position, enabled, direction, false, senders, recipients,
                senderExceptions, recipientExceptions, List.of());
    }

    static MatchSpec group(String name) {
        return new MatchSpec(MatchKind.GROUP, name);
    }

    static MatchSpec address(String a) {
        return new MatchSpec(MatchKind.ADDRESS, a);
    }
}
