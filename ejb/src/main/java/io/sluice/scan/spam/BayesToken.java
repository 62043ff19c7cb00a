package io.sluice.scan.spam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A token the Bayes classifier learned, with the number of spam and ham messages it was in. */
@Entity
@Table(name = "bayes_token")
public class BayesToken {

    @Id
    @Column(name = "token", length = 200)
    private String token;

    @Column(name = "spam_count", nullable = false)
    private long spamCount;

    @Column(name = "ham_count", nullable = false)
    private long hamCount;

    protected BayesToken() {
    }

    public BayesToken(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public long spamCount() {
        return spamCount;
    }

    public long hamCount() {
        return hamCount;
    }

    void add(long spam, long ham) {
        spamCount = Math.max(0, spamCount + spam);
        hamCount = Math.max(0, hamCount + ham);
    }
}
