package io.sluice.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One sender or recipient condition of a policy: a kind and, except for ANY, a value. */
@Embeddable
public class AddressMatch {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private MatchKind kind;

    @Column(name = "match_value", length = 320)
    private String value;

    protected AddressMatch() {
    }

    public AddressMatch(MatchKind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    public MatchKind kind() {
        return kind;
    }

    public String value() {
        return value;
    }
}
