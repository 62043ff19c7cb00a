package io.sluice.policy;

import java.util.List;

/** Compiled policies for unit tests of what runs on them, without a database. */
public final class TestPolicies {

    private TestPolicies() {
    }

    /** A default policy (for everyone, both directions) with these rules. */
    public static PolicyRules of(String name, RuleSpec... rules) {
        return of(1, name, rules);
    }

    /** The same with its own id, for tests that tell policies apart. */
    public static PolicyRules of(long id, String name, RuleSpec... rules) {
        return new PolicyRules(id, name, 0, 0, true, true, Direction.BOTH, AddressPattern.NOTHING, AddressPattern.NOTHING,
                AddressPattern.NOTHING, AddressPattern.NOTHING, List.of(rules));
    }
}
