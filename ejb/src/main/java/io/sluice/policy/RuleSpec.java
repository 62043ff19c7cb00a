package io.sluice.policy;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A rule as the API and the snapshot carry it: an optional name, a filter, its actions in order. */
@JsonbPropertyOrder({"name", "filter", "actions"})
public record RuleSpec(@Size(max = 100) String name,
                       @NotNull @Valid FilterSpec filter,
                       @NotEmpty @Size(max = 20) List<@NotNull @Valid ActionSpec> actions) {

    public RuleSpec {
        actions = actions == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(actions));
    }

    static RuleSpec of(Rule r) {
        return new RuleSpec(r.name(), FilterSpec.of(r.filter()), r.actions().stream().map(ActionSpec::of).toList());
    }

    public Rule toEntity() {
        return new Rule(name, filter.toEntity(), actions.stream().map(ActionSpec::toEntity).toList());
    }
}
