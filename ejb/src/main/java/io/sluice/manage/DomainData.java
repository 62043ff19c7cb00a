package io.sluice.manage;

import io.sluice.persistence.Versioned;
import io.sluice.policy.InternalDomain;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An internal domain as the admin API reads and writes it. */
@JsonbPropertyOrder({"id", "version", "name"})
public record DomainData(Long id, Long version, @NotBlank @Size(max = 255) String name) implements Versioned {

    public static DomainData of(InternalDomain d) {
        return new DomainData(d.id(), d.version(), d.name());
    }
}
