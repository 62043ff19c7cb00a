package io.sluice.config;

import io.sluice.config.ScanLimits;

import java.time.Duration;

/**
 * The run-time settings as one immutable value, read by every message without a database query;
 * replaced whenever the admin API changes them.
 */
public record RuntimeSettings(String adminAddress, String headerPrefix, VirusEngines virusEngines,
                              OnFailure virusOnFailure, String clamdAddress, long clamdStreamMax,
                              SpamEngine spamEngine, OnFailure spamOnFailure, String spamdAddress,
                              String rspamdAddress, Duration engineTimeout, long bayesMinSpam, long bayesMinHam,
                              ScanLimits limits, int quarantineRetentionDays, int trackingRetentionDays,
                              boolean notifySenderOnVirus, boolean quarantineDigest,
                              Duration digestInterval, Connections connections,
                              InternalNetworks internalNetworks) {

    public static RuntimeSettings of(GatewaySettings s) {
        return new RuntimeSettings(s.adminAddress(), s.headerPrefix(), s.virusEngines(), s.virusOnFailure(),
                s.clamdAddress(), s.clamdStreamMax(), s.spamEngine(), s.spamOnFailure(), s.spamdAddress(),
                s.rspamdAddress(), Duration.ofMillis(s.engineTimeoutMillis()), s.bayesMinSpam(), s.bayesMinHam(),
                new ScanLimits(s.scanMaxDepth(), s.scanMaxParts(), s.scanMaxExpanded(), s.scanMaxRatio(), 1_000_000),
                s.quarantineRetentionDays(), s.trackingRetentionDays(), s.notifySenderOnVirus(), s.quarantineDigest(),
                Duration.ofSeconds(s.digestIntervalSeconds()),
                new Connections(s.connMaxTotal(), s.connMaxPerAddress(), s.connRatePerAddress(), s.msgRatePerAddress(),
                        s.rcptRatePerAddress(), Duration.ofSeconds(s.rateIntervalSeconds()), s.maxErrors(),
                        Duration.ofMillis(s.errorDelayMillis()), Duration.ofMillis(s.greetPauseMillis()),
                        s.authFailureLimit(), Duration.ofSeconds(s.authFailureIntervalSeconds())),
                InternalNetworks.of(s.internalNetworks()));
    }

    /** The name of one of the header fields the gateway adds, e.g. "Spam-Score" as "X-Spam-Score". */
    public String header(String suffix) {
        return headerPrefix + suffix;
    }
}
