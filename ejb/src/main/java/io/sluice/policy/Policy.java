package io.sluice.policy;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy: who it applies to (sender and recipient conditions, their exceptions, a direction), its
 * place in the order, and its rules. The default policy is always there, always last, and cannot
 * be deleted or disabled.
 */
@Entity
@Table(name = "policy")
public class Policy {

    /** Where the default policy sits: after every position an administrator can choose. */
    public static final int DEFAULT_POSITION = Integer.MAX_VALUE;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "description", length = 1000)
    private String description;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    private Direction direction;

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ElementCollection
    @CollectionTable(name = "policy_sender", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderColumn(name = "idx")
    private List<AddressMatch> senders = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "policy_recipient", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderColumn(name = "idx")
    private List<AddressMatch> recipients = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "policy_sender_exception", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderColumn(name = "idx")
    private List<AddressMatch> senderExceptions = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "policy_recipient_exception", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderColumn(name = "idx")
    private List<AddressMatch> recipientExceptions = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "policy_id", nullable = false)
    @OrderColumn(name = "idx")
    private List<Rule> rules = new ArrayList<>();

    protected Policy() {
    }

    public Policy(String name, int position) {
        this.name = name;
        this.position = position;
        this.enabled = true;
        this.direction = Direction.BOTH;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public String description() {
        return description;
    }

    public void describe(String text) {
        this.description = text;
    }

    public int position() {
        return position;
    }

    public void moveTo(int newPosition) {
        this.position = newPosition;
    }

    public boolean enabled() {
        return enabled;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    public Direction direction() {
        return direction;
    }

    public void direct(Direction d) {
        this.direction = d;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public long version() {
        return version;
    }

    public List<AddressMatch> senders() {
        return senders;
    }

    public List<AddressMatch> recipients() {
        return recipients;
    }

    public List<AddressMatch> senderExceptions() {
        return senderExceptions;
    }

    public List<AddressMatch> recipientExceptions() {
        return recipientExceptions;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Replaces the lists wholesale (the API always sends a whole policy). */
    public void replaceLists(List<AddressMatch> newSenders, List<AddressMatch> newRecipients,
                             List<AddressMatch> newSenderExceptions, List<AddressMatch> newRecipientExceptions,
                             List<Rule> newRules) {
        replace(senders, newSenders);
        replace(recipients, newRecipients);
        replace(senderExceptions, newSenderExceptions);
        replace(recipientExceptions, newRecipientExceptions);
        replace(rules, newRules);
    }

    private static <T> void replace(List<T> target, List<T> source) {
        target.clear();
        target.addAll(source);
    }
}
