package io.sluice.config;

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
public record Connections(int maxTotal, int maxPerAddress, int connectionRate, int messageRate, int recipientRate,
                          Duration interval, int maxErrors, Duration errorDelay, Duration greetPause,
                          int authFailures, Duration authFailureInterval) {
}
