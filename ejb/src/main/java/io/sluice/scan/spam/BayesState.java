package io.sluice.scan.spam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many spam and ham messages the Bayes classifier learned (one row). */
@Entity
@Table(name = "bayes_state")
public class BayesState {

    @Id
    private Integer id;

    @Column(name = "spam_messages", nullable = false)
    private long spamMessages;

    @Column(name = "ham_messages", nullable = false)
    private long hamMessages;

    protected BayesState() {
    }

    public long spamMessages() {
        return spamMessages;
    }

    public long hamMessages() {
        return hamMessages;
    }

    void add(long spam, long ham) {
        spamMessages = Math.max(0, spamMessages + spam);
        hamMessages = Math.max(0, hamMessages + ham);
    }
}
