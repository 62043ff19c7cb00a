package io.sluice.manage;

import io.sluice.persistence.Versioned;
import io.sluice.signing.DkimKey;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A DKIM signing key as the admin API shows it: never the private key, but the DNS record to
 * publish ({@code recordName}, {@code record}). On creation only domain, selector, algorithm
 * ({@code rsa-sha256}, the default, or {@code ed25519-sha256}) and active are read; afterwards
 * only active can change (so domain and selector are required by the service on creation, not here).
 */
@JsonbPropertyOrder({"id", "version", "domain", "selector", "algorithm", "active", "createdAt", "recordName", "record"})
public record DkimKeyData(Long id, Long version, @Size(max = 255) String domain, @Size(max = 63) String selector,
                          String algorithm, Boolean active, Instant createdAt,
                          String recordName, String record) implements Versioned {

    static DkimKeyData of(DkimKey k, String recordName, String record) {
        return new DkimKeyData(k.id(), k.version(), k.domain(), k.selector(), k.algorithm(), k.active(), k.createdAt(),
                recordName, record);
    }
}
