package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * The spam engine, what happens when it fails, where spamd and Rspamd listen, and how many
 * learned messages of each kind the embedded Bayes classifier needs before it counts.
 */
@Embeddable
public record SpamScanning(
        @Enumerated(EnumType.STRING) @Column(name = "spam_engine", nullable = false, length = 16)
        SpamEngine engine,
        @Enumerated(EnumType.STRING) @Column(name = "spam_on_failure", nullable = false, length = 16)
        OnFailure onFailure,
        @Column(name = "spamd_address", nullable = false, length = 300) String spamdAddress,
        @Column(name = "rspamd_address", nullable = false, length = 300) String rspamdAddress,
        @Column(name = "bayes_min_spam", nullable = false) int bayesMinSpam,
        @Column(name = "bayes_min_ham", nullable = false) int bayesMinHam) {

    public static final SpamScanning DEFAULT = new SpamScanning(SpamEngine.EMBEDDED, OnFailure.TEMPFAIL,
            "127.0.0.1:783", "127.0.0.1:11333", 200, 200);
}
