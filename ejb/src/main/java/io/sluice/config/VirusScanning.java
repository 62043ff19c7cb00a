package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * Which virus engines run, what happens when one fails, and where clamd listens.
 *
 * @param clamdAddress   "host:port" or "unix:/path"
 * @param clamdStreamMax octets streamed to clamd at most (its StreamMaxLength)
 */
@Embeddable
public record VirusScanning(
        @Enumerated(EnumType.STRING) @Column(name = "virus_engines", nullable = false, length = 16)
        VirusEngines engines,
        @Enumerated(EnumType.STRING) @Column(name = "virus_on_failure", nullable = false, length = 16)
        OnFailure onFailure,
        @Column(name = "clamd_address", nullable = false, length = 300) String clamdAddress,
        @Column(name = "clamd_stream_max", nullable = false) long clamdStreamMax) {

    public static final VirusScanning DEFAULT =
            new VirusScanning(VirusEngines.EMBEDDED, OnFailure.TEMPFAIL, "127.0.0.1:3310", 25L * 1024 * 1024);
}
