package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.time.Duration;

/**
 * How long an external engine may take, and the analysis limits past which a message is
 * "unscannable" (see {@link ScanLimits}).
 */
@Embeddable
public record ScanSettings(
        @Convert(converter = DurationMillis.class) @Column(name = "engine_timeout_ms", nullable = false)
        Duration engineTimeout,
        @Column(name = "scan_max_depth", nullable = false) int maxDepth,
        @Column(name = "scan_max_parts", nullable = false) int maxParts,
        @Column(name = "scan_max_expanded", nullable = false) long maxExpandedBytes,
        @Column(name = "scan_max_ratio", nullable = false) int maxRatio) {

    public static final ScanSettings DEFAULT =
            new ScanSettings(Duration.ofSeconds(30), 16, 1000, 256L * 1024 * 1024, 100);

    /** The limits the analyser works within; the text kept per part is not a setting. */
    public ScanLimits limits() {
        return new ScanLimits(maxDepth, maxParts, maxExpandedBytes, maxRatio, ScanLimits.MAX_TEXT_CHARS);
    }
}
