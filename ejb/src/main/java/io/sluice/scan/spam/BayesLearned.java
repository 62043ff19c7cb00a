package io.sluice.scan.spam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A message the classifier learned, by its key (Message-ID or a digest), and as what. */
@Entity
@Table(name = "bayes_learned")
public class BayesLearned {

    @Id
    @Column(name = "message_key", length = 200)
    private String messageKey;

    @Column(name = "spam", nullable = false)
    private boolean spam;

    @Column(name = "learned_at", nullable = false)
    private Instant learnedAt;

    protected BayesLearned() {
    }

    BayesLearned(String messageKey, boolean spam) {
        this.messageKey = messageKey;
        this.spam = spam;
        this.learnedAt = Instant.now();
    }

    boolean spam() {
        return spam;
    }

    void relearn(boolean asSpam) {
        this.spam = asSpam;
        this.learnedAt = Instant.now();
    }
}
