package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.time.Duration;

/**
 * Connection control by real client address (0: no limit).
 *
 * @param maxTotal          concurrent connections in all
 * @param maxPerAddress     concurrent connections from one address
 * @param connectionRate    new connections from one address per interval
 * @param messageRate       messages (transactions with a recipient) from one address per interval
 * @param recipientRate     recipients from one address per interval
 * @param interval          the rate interval
 * @param maxErrors         refused commands after which a session is closed
 * @param errorDelay        how long the session waits before it is closed for errors
 * @param greetPause        how long to wait before the greeting (clients that talk meanwhile are refused)
 * @param authFailures      failed AUTH attempts from one address per {@code authFailureInterval}, across
 *                          connections; beyond them its AUTH is refused without asking the mail server
 * @param authFailureInterval the interval the AUTH failures are counted in
 */
@Embeddable
public record Connections(
        @Column(name = "conn_max_total", nullable = false) int maxTotal,
        @Column(name = "conn_max_per_address", nullable = false) int maxPerAddress,
        @Column(name = "conn_rate_per_address", nullable = false) int connectionRate,
        @Column(name = "msg_rate_per_address", nullable = false) int messageRate,
        @Column(name = "rcpt_rate_per_address", nullable = false) int recipientRate,
        @Convert(converter = DurationSeconds.class) @Column(name = "rate_interval_seconds", nullable = false)
        Duration interval,
        @Column(name = "max_errors", nullable = false) int maxErrors,
        @Convert(converter = DurationMillis.class) @Column(name = "error_delay_millis", nullable = false)
        Duration errorDelay,
        @Convert(converter = DurationMillis.class) @Column(name = "greet_pause_millis", nullable = false)
        Duration greetPause,
        @Column(name = "auth_failure_limit", nullable = false) int authFailures,
        @Convert(converter = DurationSeconds.class)
        @Column(name = "auth_failure_interval_seconds", nullable = false)
        Duration authFailureInterval) {

    public static final Connections DEFAULT = new Connections(0, 0, 0, 0, 0, Duration.ofMinutes(1), 20,
            Duration.ofSeconds(1), Duration.ZERO, 10, Duration.ofMinutes(10));
}
