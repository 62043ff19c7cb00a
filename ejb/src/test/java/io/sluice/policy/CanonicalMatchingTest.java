package io.sluice.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sluice.policy.PolicyResolutionTest.address;
import static io.sluice.policy.PolicyResolutionTest.group;
import static io.sluice.policy.PolicyResolutionTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Policies compare canonical addresses: for each spelling trick, configured one way and arriving in
 * the envelope another, the policy (or its exception) must still apply.
 */
class CanonicalMatchingTest {

    static final PolicySnapshot SNAPSHOT = PolicySnapshot.of(List.of(
            policy(1, "Board", 10, true, Direction.BOTH,
                    List.of(MatchSpec.ANY), List.of(address("ceo@corp.example"), group("board")),
                    List.of(address("\"News\"@Bücher.Example.")), List.of()),
            policy(2, "Corp", 20, true, Direction.BOTH,
                    List.of(MatchSpec.ANY), List.of(new MatchSpec(MatchKind.SUBDOMAINS, "*.CORP.example.")),
                    List.of(), List.of(address("\"Assistant\"@ｃｏｒｐ．example"),
                            new MatchSpec(MatchKind.SUBDOMAINS, "*.legal.corp.example"))),
            policy(3, "Literal", 30, true, Direction.BOTH,
                    List.of(MatchSpec.ANY), List.of(address("ops@[192.0.2.1]")), List.of(), List.of()),
            new PolicyData(99L, 0L, "Default", null, Policy.DEFAULT_POSITION, true, Direction.BOTH, true,
                    null, null, null, null, null)),
            Map.of("board", Set.of("\"CFO\"@CORP.example.", "xn--bcher-kva.example", "*.ＳＵＢ．example",
                    "ops@[IPv6:2001:DB8:0::1]")),
            io.sluice.config.InternalNetworks.NONE);

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // sender                          | recipient                          | policy
            // the address condition ceo@corp.example, whatever the envelope's spelling
            "a@outside.example                 | ceo@corp.example                   | Board",
            "a@outside.example                 | CEO@CORP.EXAMPLE                   | Board",
            "a@outside.example                 | ceo@corp.example.                  | Board",
            "a@outside.example                 | \"ceo\"@CORP.example               | Board",
            "a@outside.example                 | \"c\\eo\"@corp.example             | Board",
            "a@outside.example                 | ceo@ｃｏｒｐ．ｅｘａｍｐｌｅ         | Board",
            "a@outside.example                 | ceo@corp。example                  | Board",
            "a@outside.example                 | \"c eo\"@corp.example              | Corp",
            // group members spelled one way, the envelope another
            "a@outside.example                 | cfo@corp.example                   | Board",
            "a@outside.example                 | anyone@bücher.example              | Board",
            "a@outside.example                 | anyone@XN--BCHER-KVA.EXAMPLE.      | Board",
            "a@outside.example                 | anyone@ｂüｃｈｅｒ．example         | Board",
            "a@outside.example                 | x@deep.sub.example                 | Board",
            "a@outside.example                 | x@SUB.example.                     | Board",
            "a@outside.example                 | x@notsub.example                   | Default",
            "a@outside.example                 | ops@[IPv6:2001:db8::1]             | Board",
            "a@outside.example                 | ops@[ipv6:2001:0DB8:0:0:0:0:0:1]   | Board",
            // address literals: IPv4, and an IPv4-mapped IPv6 address, are the same host
            "a@outside.example                 | ops@[192.0.2.1]                    | Literal",
            "a@outside.example                 | ops@[192.000.002.001]              | Literal",
            "a@outside.example                 | ops@[IPv6:::ffff:192.0.2.1]        | Literal",
            "a@outside.example                 | ops@[192.0.2.2]                    | Default",
            // a sender exception holds for every spelling of the excepted sender
            "news@xn--bcher-kva.example        | ceo@corp.example                   | Corp",
            "\"news\"@BÜCHER.example           | ceo@corp.example                   | Corp",
            "NEWS@ｂüｃｈｅｒ．ｅｘａｍｐｌｅ     | CEO@corp.example                   | Corp",
            "\"n\\ews\"@bu\u0308cher.example.  | \"ceo\"@corp.example               | Corp",
            "news2@bücher.example              | ceo@corp.example                   | Board",
            // a recipient exception likewise
            "a@outside.example                 | bob@corp.example                   | Corp",
            "a@outside.example                 | assistant@corp.example             | Default",
            "a@outside.example                 | \"ASSISTANT\"@corp.example         | Default",
            "a@outside.example                 | \"as\\sistant\"@CORP.EXAMPLE.      | Default",
            "a@outside.example                 | bob@Legal.Corp.Example             | Default",
            "a@outside.example                 | bob@x.ｌｅｇａｌ．corp.example      | Default",
    })
    void everySpellingMeetsTheSamePolicy(String sender, String recipient, String expected) {
        assertEquals(expected, SNAPSHOT.resolve(sender, recipient, false).name());
    }
}
