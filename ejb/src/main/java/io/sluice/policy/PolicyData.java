package io.sluice.policy;

import io.sluice.persistence.Versioned;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A whole policy as the admin API reads and writes it and as snapshots are built from it.
 * {@code id}, {@code version} and {@code isDefault} are the server's; on input they are ignored
 * except {@code version}, which guards against lost updates.
 */
@JsonbPropertyOrder({"id", "version", "name", "description", "position", "enabled", "direction", "isDefault", "senders", "recipients", "senderExceptions", "recipientExceptions", "rules"})
public record PolicyData(Long id, Long version,
                         @NotBlank @Size(max = 100) String name,
                         @Size(max = 1000) String description,
                         @PositiveOrZero @Max(1_000_000) Integer position,
                         Boolean enabled,
                         Direction direction,
                         Boolean isDefault,
                         @NotEmpty @Size(max = 1000) List<@NotNull @Valid MatchSpec> senders,
                         @NotEmpty @Size(max = 1000) List<@NotNull @Valid MatchSpec> recipients,
                         @Size(max = 1000) List<@NotNull @Valid MatchSpec> senderExceptions,
                         @Size(max = 1000) List<@NotNull @Valid MatchSpec> recipientExceptions,
                         @Size(max = 100) List<@NotNull @Valid RuleSpec> rules) implements Versioned {

    public PolicyData {
        // absent lists get their natural default; nulls inside lists stay, for validation to report
        senders = senders == null ? List.of(MatchSpec.ANY) : copy(senders);
        recipients = recipients == null ? List.of(MatchSpec.ANY) : copy(recipients);
        senderExceptions = senderExceptions == null ? List.of() : copy(senderExceptions);
        recipientExceptions = recipientExceptions == null ? List.of() : copy(recipientExceptions);
        rules = rules == null ? List.of() : copy(rules);
        enabled = enabled == null ? Boolean.TRUE : enabled;
        direction = direction == null ? Direction.BOTH : direction;
        isDefault = isDefault != null && isDefault;
    }

    /** The same policy at another position ({@code null}: the server places it). */
    public PolicyData withPosition(Integer at) {
        return new PolicyData(id, version, name, description, at, enabled, direction, isDefault, senders, recipients,
                senderExceptions, recipientExceptions, rules);
    }

    private static <T> List<T> copy(List<T> list) {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    public static PolicyData of(Policy p) {
        return new PolicyData(p.id(), p.version(), p.name(), p.description(), p.position(), p.enabled(),
                p.direction(), p.isDefault(), p.senders().stream().map(MatchSpec::of).toList(),
                p.recipients().stream().map(MatchSpec::of).toList(),
                p.senderExceptions().stream().map(MatchSpec::of).toList(),
                p.recipientExceptions().stream().map(MatchSpec::of).toList(),
                p.rules().stream().map(RuleSpec::of).toList());
    }
}
