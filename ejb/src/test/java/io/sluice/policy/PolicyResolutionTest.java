package io.sluice.policy;

import io.sluice.config.InternalNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Policy resolution as a table: for each (sender, recipient, client address, authenticated) the
 * policy that must apply, against one set of policies that exercises priority, wildcards, groups,
 * exceptions, direction, a disabled policy and the default; and the direction rule on its own.
 */
class PolicyResolutionTest {

    /** Outside every internal network. */
    private static final String OUTSIDE = "203.0.113.9";

    static final InternalNetworks NETWORKS = InternalNetworks.of(List.of("192.0.2.0/24", "2001:db8::/32", "10.9.8.7"));

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
            NETWORKS);

    @ParameterizedTest(name = "{0} -> {1} (client {2}, auth {3}): {4}")
    @CsvSource({
            // sender,               recipient,                   client,       auth,  expected policy
            "alice@outside.org,      ceo@example.com,             203.0.113.9,  false, Executives",
            "ALICE@OUTSIDE.ORG,      Ceo@Example.COM,             203.0.113.9,  false, Executives",
            "alice@outside.org,      cfo@example.com,             203.0.113.9,  false, Executives",
            "newsletter@news.org,    ceo@example.com,             203.0.113.9,  false, Support early",
            "ceo@example.com,        friend@outside.org,          192.0.2.10,   false, Outbound",
            "cfo@example.com,        ceo@example.com,             192.0.2.10,   false, Outbound",
            "bob@outside.org,        ceo@example.com,             203.0.113.9,  true,  Outbound",
            "someone@partner.org,    x@elsewhere.org,             203.0.113.9,  false, Partners",
            "someone@sub.partner.org, x@elsewhere.org,            203.0.113.9,  false, Default",
            "a@deep.supplier.net,    x@elsewhere.org,             203.0.113.9,  false, Partners",
            "a@supplier.net,         x@elsewhere.org,             203.0.113.9,  false, Partners",
            "a@outside.org,          bob@eu.sales.example.com,    203.0.113.9,  false, Sales",
            "a@outside.org,          bob@sales.example.com,       203.0.113.9,  false, Sales",
            "a@outside.org,          boss@eu.sales.example.com,   203.0.113.9,  false, Default",
            "a@outside.org,          bob@notsales.example.com,    203.0.113.9,  false, Default",
            "'',                     ceo@example.com,             203.0.113.9,  false, Executives",
            "'',                     x@elsewhere.org,             203.0.113.9,  false, Default",
            "a@outside.org,          support@example.com,         203.0.113.9,  false, Support early",
            "a@outside.org,          nobody@elsewhere.org,        203.0.113.9,  false, Default",
            // a client outside that writes an internal sender gets the inbound policies
            "ceo@example.com,        friend@outside.org,          203.0.113.9,  false, Default",
            "ceo@example.com,        cfo@example.com,             203.0.113.9,  false, Executives",
            // inside an internal network any sender is outbound, the null sender too
            "alice@outside.org,      friend@outside.org,          2001:db8::25, false, Outbound",
            "'',                     ceo@example.com,             10.9.8.7,     false, Outbound",
    })
    void resolves(String sender, String recipient, String client, boolean authenticated, String expected) {
        assertEquals(expected, SNAPSHOT.resolve(sender, recipient, SNAPSHOT.isOutbound(client, authenticated)).name());
    }

    @ParameterizedTest(name = "client {0}, auth {1}: outbound {2}")
    @CsvSource({
            // client,            auth,  outbound
            "192.0.2.1,           false, true",
            "192.0.2.255,         false, true",
            "192.0.3.1,           false, false",
            "192.0.1.255,         false, false",
            "10.9.8.7,            false, true",
            "10.9.8.6,            false, false",
            "203.0.113.9,         false, false",
            "203.0.113.9,         true,  true",
            "2001:db8::1,         false, true",
            "2001:DB8:ffff::1,    false, true",
            "2001:db9::1,         false, false",
            "::ffff:192.0.2.7,    false, true",
            "::1,                 false, false",
            "127.0.0.1,           false, false",
            "'',                  false, false",
            "'',                  true,  true",
    })
    void directionComesFromTheClientsNetworkOrAuth(String client, boolean authenticated, boolean outbound) {
        assertEquals(outbound, SNAPSHOT.isOutbound(client, authenticated));
    }

    @Test
    void withoutInternalNetworksOnlyAuthenticatedClientsAreOutbound() {
        PolicySnapshot none = PolicySnapshot.of(List.of(new PolicyData(99L, 0L, "Default", null,
                Policy.DEFAULT_POSITION, true, Direction.BOTH, true, null, null, null, null, null)), Map.of(),
                InternalNetworks.NONE);
        assertEquals(false, none.isOutbound("192.0.2.1", false));
        assertEquals(false, none.isOutbound(null, false));
        assertEquals(true, none.isOutbound("192.0.2.1", true));
    }

    @Test
    void anInvalidStoredNetworkIsLeftOutAndTheOthersStillCount() {
        InternalNetworks n = InternalNetworks.of(List.of("192.0.2.0/33", "not-a-network", "198.51.100.0/24"));
        assertEquals(false, n.contains("192.0.2.1"));
        assertEquals(true, n.contains("198.51.100.77"));
    }

    @Test
    void theExplanationNamesEveryPolicyLookedAtAndWhy() {
        Resolution r = SNAPSHOT.resolve("newsletter@news.org", "ceo@example.com",
                SNAPSHOT.isOutbound(OUTSIDE, false), true);
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
