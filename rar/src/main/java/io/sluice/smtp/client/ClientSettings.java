package io.sluice.smtp.client;

import java.time.Duration;

/**
 * Where and how the relay talks to the downstream server.
 *
 * @param host           downstream host
 * @param port           downstream port
 * @param heloName       the name sent in EHLO
 * @param connectTimeout TCP connect and greeting wait
 * @param commandTimeout wait for each reply to a command
 * @param dataTimeout    wait for the reply after the end of data (the downstream may scan the
 *                       message first; RFC 5321 §4.5.3.2.6 allows 10 minutes)
 */
public record ClientSettings(String host, int port, String heloName, Duration connectTimeout,
                             Duration commandTimeout, Duration dataTimeout) {
}
