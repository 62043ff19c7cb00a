package io.sluice.manage;

import io.sluice.persistence.Versioned;
import io.sluice.policy.AddressGroup;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * An address group as the admin API reads and writes it. Members are addresses
 * ("ceo@example.com"), domains ("example.com") or domains with their subdomains ("*.example.com").
 */
@JsonbPropertyOrder({"id", "version", "name", "description", "members"})
public record GroupData(Long id, Long version,
                        @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._-]+",
                                message = "may contain letters, digits, spaces, dots, dashes and underscores")
                        String name,
                        @Size(max = 1000) String description,
                        @Size(max = 100_000) List<@NotBlank @GroupMember String> members) implements Versioned {

    public GroupData {
        members = members == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(members));
    }

    public static GroupData of(AddressGroup g) {
        return new GroupData(g.id(), g.version(), g.name(), g.description(), new ArrayList<>(g.members()));
    }
}
