package io.sluice.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user of the admin API. The server's security realm reads this table directly (see
 * {@code sluice.cli}): the digest, salt and iteration count form a SCRAM-SHA-256 salted password.
 */
@Entity
@Table(name = "admin_user")
public class AdminUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "username", nullable = false, length = 100)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Role role;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "salt", nullable = false, length = 100)
    private String salt;

    @Column(name = "iterations", nullable = false)
    private int iterations;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For a domain administrator, the domains they administer (lower case). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "admin_user_domain", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "domain", nullable = false, length = 253)
    private Set<String> domains = new TreeSet<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AdminUser() {
    }

    public AdminUser(String username, Role role, PasswordHash hash) {
        this.username = username;
        this.role = role;
        this.createdAt = Instant.now();
        setPassword(hash);
    }

    public final void setPassword(PasswordHash hash) {
        this.passwordHash = hash.digest();
        this.salt = hash.salt();
        this.iterations = hash.iterations();
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    public void assign(Role newRole) {
        this.role = newRole;
    }

    public Set<String> domains() {
        return Set.copyOf(domains);
    }

    public void administer(Collection<String> newDomains) {
        domains.clear();
        newDomains.forEach(d -> domains.add(d.toLowerCase(Locale.ROOT)));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public PasswordHash passwordHash() {
        return new PasswordHash(passwordHash, salt, iterations);
    }
}
