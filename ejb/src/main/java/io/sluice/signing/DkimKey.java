package io.sluice.signing;

import io.sluice.dkim.Algorithm;
import io.sluice.dkim.SigningKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * A DKIM signing key of one domain under one selector (migration V12). At most one key of a
 * domain is active, the one that signs; rotating means creating a key under a new selector,
 * publishing its record, activating it, and deleting the old one once its record is withdrawn.
 */
@Entity
@Table(name = "dkim_key")
public class DkimKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "domain", nullable = false, length = 255)
    private String domain;

    @Column(name = "selector", nullable = false, length = 63)
    private String selector;

    @Column(name = "algorithm", nullable = false, length = 32)
    private String algorithm;

    /** PKCS#8, base64. Never leaves the server through the API. */
    @Column(name = "private_key", nullable = false, length = 4000)
    private String privateKey;

    /** SubjectPublicKeyInfo, base64. */
    @Column(name = "public_key", nullable = false, length = 1000)
    private String publicKey;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DkimKey() {
    }

    public DkimKey(SigningKey key, Instant createdAt) {
        this.domain = key.domain();
        this.selector = key.selector();
        this.algorithm = key.algorithm().tag();
        this.privateKey = key.privatePkcs8();
        this.publicKey = key.publicSpki();
        this.createdAt = createdAt;
    }

    public SigningKey signingKey() throws GeneralSecurityException {
        return SigningKey.of(domain, selector, Algorithm.of(algorithm), privateKey, publicKey);
    }

    public Long id() {
        return id;
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public String algorithm() {
        return algorithm;
    }

    public boolean active() {
        return active;
    }

    public void activate(boolean on) {
        this.active = on;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
