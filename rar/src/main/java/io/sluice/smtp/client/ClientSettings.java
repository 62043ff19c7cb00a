package io.sluice.smtp.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the relay talks to the downstream server.
 *
 * @param host           downstream host
 * @param port           downstream port
 * @param heloName       the name sent in EHLO
 * @param connectTimeout TCP connect and greeting wait
 * @param commandTimeout wait for each reply to a command, and for each write
 * @param dataTimeout    wait for each write of the message and for the reply after the end of data
 *                       (the downstream may scan the message first; RFC 5321 §4.5.3.2.6 allows 10 minutes)
 * @param tls            whether to use STARTTLS with the downstream
 * @param verify         whether the downstream's certificate must be trusted and name {@code host}
 *                       (see {@link DownstreamTls#verify(String)} for the default)
 * @param trustStore     PEM certificates trusted as roots when verifying, or {@code null} for the JVM's
 */
public record ClientSettings(String host, int port, String heloName, Duration connectTimeout,
                             Duration commandTimeout, Duration dataTimeout, DownstreamTls tls, boolean verify,
                             Path trustStore) {

    /** Plain text, as for a mail server on the same machine that offers no STARTTLS. */
    public ClientSettings(String host, int port, String heloName, Duration connectTimeout, Duration commandTimeout,
                          Duration dataTimeout) {
        this(host, port, heloName, connectTimeout, commandTimeout, dataTimeout, DownstreamTls.OFF, false, null);
    }
}
