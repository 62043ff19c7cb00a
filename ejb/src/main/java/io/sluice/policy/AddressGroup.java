package io.sluice.policy;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Set;
import java.util.TreeSet;

/**
 * A named list of addresses, domains and {@code *.domains} that policies refer to by name, so that
 * "the executives" can change without touching every policy that mentions them.
 */
@Entity
@Table(name = "address_group")
public class AddressGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "description", length = 1000)
    private String description;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "address_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "member", nullable = false, length = 320)
    private Set<String> members = new TreeSet<>();

    protected AddressGroup() {
    }

    public AddressGroup(String name) {
        this.name = name;
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

    public long version() {
        return version;
    }

    public Set<String> members() {
        return members;
    }

    public void replaceMembers(Set<String> newMembers) {
        members.clear();
        members.addAll(newMembers);
    }
}
