package io.sluice.policy;

import java.util.List;

/**
 * One policy compiled for matching: immutable, detached from the database, its conditions turned
 * into {@link AddressPattern}s with groups expanded.
 */
public final class PolicyRules {

    private final long id;
    private final String name;
    private final long version;
    private final int position;
    private final boolean enabled;
    private final boolean isDefault;
    private final Direction direction;
    private final AddressPattern senders;
    private final AddressPattern recipients;
    private final AddressPattern senderExceptions;
    private final AddressPattern recipientExceptions;
    private final List<CompiledRule> rules;

    PolicyRules(long id, String name, long version, int position, boolean enabled, boolean isDefault,
                Direction direction, AddressPattern senders, AddressPattern recipients,
                AddressPattern senderExceptions, AddressPattern recipientExceptions, List<RuleSpec> rules) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.position = position;
        this.enabled = enabled;
        this.isDefault = isDefault;
        this.direction = direction;
        this.senders = senders;
        this.recipients = recipients;
        this.senderExceptions = senderExceptions;
        this.recipientExceptions = recipientExceptions;
        this.rules = rules.stream().map(CompiledRule::compile).toList();
    }

    /** Whether this policy claims the pair; {@code null} if it does, else why not. */
    Resolution.Outcome test(Address sender, Address recipient, boolean outbound) {
        if (!enabled) {
            return Resolution.Outcome.DISABLED;
        }
        if (!direction.accepts(outbound)) {
            return Resolution.Outcome.WRONG_DIRECTION;
        }
        if (!senders.matches(sender)) {
            return Resolution.Outcome.SENDER_NOT_MATCHED;
        }
        if (!recipients.matches(recipient)) {
            return Resolution.Outcome.RECIPIENT_NOT_MATCHED;
        }
        if (senderExceptions.matches(sender)) {
            return Resolution.Outcome.SENDER_EXCEPTED;
        }
        if (recipientExceptions.matches(recipient)) {
            return Resolution.Outcome.RECIPIENT_EXCEPTED;
        }
        return null;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    public int position() {
        return position;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
