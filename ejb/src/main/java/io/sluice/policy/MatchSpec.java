package io.sluice.policy;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One sender or recipient condition as the API and the snapshot carry it.
 *
 * @param kind  how it matches
 * @param value the address, domain ("example.com"), domain with subdomains ("*.example.com" or
 *              "example.com") or group name; absent for ANY
 */
@JsonbPropertyOrder({"kind", "value"})
@Consistent
public record MatchSpec(MatchKind kind, String value) {

    public static final MatchSpec ANY = new MatchSpec(MatchKind.ANY, null);

    static MatchSpec of(AddressMatch m) {
        return new MatchSpec(m.kind(), m.value());
    }

    public AddressMatch toEntity() {
        return new AddressMatch(kind, kind == MatchKind.ANY ? null : normalizedValue());
    }

    /** SUBDOMAINS may be written "*.example.com" or "example.com"; it is stored without "*.". */
    String normalizedValue() {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return kind == MatchKind.SUBDOMAINS && v.startsWith("*.") ? v.substring(2) : v;
    }
}
