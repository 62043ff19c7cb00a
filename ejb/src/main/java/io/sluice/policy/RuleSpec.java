package io.sluice.policy;

import java.util.List;

/** A rule as the API and the snapshot carry it: an optional name, a filter, its actions in order. */
public record RuleSpec(String name, FilterSpec filter, List<ActionSpec> actions) {

    public RuleSpec {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    static RuleSpec of(Rule r) {
        return new RuleSpec(r.name(), FilterSpec.of(r.filter()), r.actions().stream().map(ActionSpec::of).toList());
    }

    Rule toEntity() {
        return new Rule(name, filter.toEntity(), actions.stream().map(ActionSpec::toEntity).toList());
    }
}
