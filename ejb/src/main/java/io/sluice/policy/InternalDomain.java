package io.sluice.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A domain of this organisation, as the administrator lists it. It no longer makes mail outbound
 * (a sender address can be forged; the client's network decides, see {@link Direction}), and
 * nothing else reads the list at present.
 */
@Entity
@Table(name = "internal_domain")
public class InternalDomain {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected InternalDomain() {
    }

    public InternalDomain(String name) {
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

    public long version() {
        return version;
    }
}
