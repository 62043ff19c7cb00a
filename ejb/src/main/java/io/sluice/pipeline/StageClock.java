package io.sluice.pipeline;

import java.time.Duration;
import java.time.Instant;

/** When a message reached each stage, for the tracking log and the stage latency metrics. */
final class StageClock {

    final Instant receivedAt = Instant.now();
    private final long start = System.nanoTime();
    private long scanned;
    private long relayStart;
    private long relayed;
    private long dnsListNanos = -1;
    private long authenticationNanos = -1;
    private Instant decidedAt;
    private Instant relayedAt;

    void scanned() {
        scanned = System.nanoTime();
    }

    void decided() {
        decidedAt = Instant.now();
    }

    void relaying() {
        relayStart = System.nanoTime();
    }

    void relayed() {
        relayed = System.nanoTime();
        relayedAt = Instant.now();
    }

    Instant decidedAt() {
        return decidedAt != null ? decidedAt : Instant.now();
    }

    Instant relayedAt() {
        return relayedAt;
    }

    /** How long DKIM, ARC and DMARC took at the end of data. */
    void authentication(long nanos) {
        authenticationNanos = nanos;
    }

    Duration authentication() {
        return authenticationNanos < 0 ? null : Duration.ofNanos(authenticationNanos);
    }

    /** How long the block lists took at the end of data. */
    void dnsLists(long nanos) {
        dnsListNanos = nanos;
    }

    Duration dnsLists() {
        return dnsListNanos < 0 ? null : Duration.ofNanos(dnsListNanos);
    }

    Duration scan() {
        return scanned == 0 ? null : Duration.ofNanos(scanned - start);
    }

    Duration relay() {
        return relayed == 0 ? null : Duration.ofNanos(relayed - relayStart);
    }

    Duration total() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
