package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How long quarantined messages and tracking rows are kept, in days; 0 keeps them only until the
 * next maintenance run.
 */
@Embeddable
public record Retention(@Column(name = "quarantine_retention_days", nullable = false) int quarantineDays,
                        @Column(name = "tracking_retention_days", nullable = false) int trackingDays) {

    public static final Retention DEFAULT = new Retention(30, 90);
}
