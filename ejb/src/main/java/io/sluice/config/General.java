package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Settings that belong to no one engine.
 *
 * @param adminAddress where admin notifications go; {@code null} until an administrator sets one
 * @param headerPrefix prefix of the header fields the gateway adds ("X-" gives X-Spam-Score)
 */
@Embeddable
public record General(@Column(name = "admin_address", length = 320) String adminAddress,
                      @Column(name = "header_prefix", nullable = false, length = 40) String headerPrefix) {

    public static final General DEFAULT = new General(null, "X-");

    /** The name of one of the header fields the gateway adds, e.g. "Spam-Score" as "X-Spam-Score". */
    public String header(String suffix) {
        return headerPrefix + suffix;
    }
}
