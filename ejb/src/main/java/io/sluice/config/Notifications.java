package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.time.Duration;

/**
 * Whether virus notifications may go to the sender (off by default: senders of viruses are usually
 * forged), and whether and how often recipients get a digest of what is newly held for them.
 *
 * @param consoleUrl where recipients reach the console (e.g. {@code https://gateway.example.com:8443/}),
 *                   for the signed preview and release links in digests; {@code null}: digests carry no links
 */
@Embeddable
public record Notifications(
        @Column(name = "notify_sender_on_virus", nullable = false) boolean senderOnVirus,
        @Column(name = "quarantine_digest", nullable = false) boolean quarantineDigest,
        @Convert(converter = DurationSeconds.class) @Column(name = "digest_interval_seconds", nullable = false)
        Duration digestInterval,
        @Column(name = "console_url", length = 400) String consoleUrl) {

    public static final Notifications DEFAULT = new Notifications(false, true, Duration.ofDays(1), null);
}
