package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How long quarantined messages, tracking rows and audit log entries are kept, in days; 0 keeps
 * them only until the next maintenance run.
 */
@Embeddable
public record Retention(@Column(name = "quarantine_retention_days", nullable = false) int quarantineDays,
                        @Column(name = "tracking_retention_days", nullable = false) int trackingDays,
                        @Column(name = "audit_retention_days", nullable = false) int auditDays) {

    public static final Retention DEFAULT = new Retention(30, 90, 365);
}
