package io.sluice.policy;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** One rule of a policy: a filter and the actions taken when it matches. */
@Entity
@Table(name = "policy_rule")
public class Rule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", length = 100)
    private String name;

    @Embedded
    private Filter filter;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "rule_action", joinColumns = @JoinColumn(name = "rule_id"))
    @OrderColumn(name = "idx")
    private List<Action> actions = new ArrayList<>();

    protected Rule() {
    }

    public Rule(String name, Filter filter, List<Action> actions) {
        this.name = name;
        this.filter = filter;
        this.actions = new ArrayList<>(actions);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Filter filter() {
        return filter;
    }

    public List<Action> actions() {
        return actions;
    }
}
