package io.sluice.policy;

import java.util.List;

/**
 * A whole policy as the admin API reads and writes it and as snapshots are built from it.
 * {@code id}, {@code version} and {@code isDefault} are the server's; on input they are ignored
 * except {@code version}, which guards against lost updates.
 */
public record PolicyData(Long id, Long version, String name, String description, Integer position, Boolean enabled,
                         Direction direction, Boolean isDefault, List<MatchSpec> senders, List<MatchSpec> recipients,
                         List<MatchSpec> senderExceptions, List<MatchSpec> recipientExceptions,
                         List<RuleSpec> rules) {

    public PolicyData {
        senders = senders == null ? List.of(MatchSpec.ANY) : List.copyOf(senders);
        recipients = recipients == null ? List.of(MatchSpec.ANY) : List.copyOf(recipients);
        senderExceptions = senderExceptions == null ? List.of() : List.copyOf(senderExceptions);
        recipientExceptions = recipientExceptions == null ? List.of() : List.copyOf(recipientExceptions);
        rules = rules == null ? List.of() : List.copyOf(rules);
        enabled = enabled == null ? Boolean.TRUE : enabled;
        direction = direction == null ? Direction.BOTH : direction;
        isDefault = isDefault != null && isDefault;
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
