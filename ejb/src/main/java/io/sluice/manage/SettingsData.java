package io.sluice.manage;

import io.sluice.config.GatewaySettings;
import io.sluice.config.OnFailure;
import io.sluice.config.SpamEngine;
import io.sluice.config.VirusEngines;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The run-time settings as the admin API reads and writes them. On PUT, a group left out
 * ({@code virus}, {@code spam}, {@code scanning}) keeps its current values.
 *
 * @param adminAddress     where admin notifications go (none: no admin notifications)
 * @param headerPrefix     prefix of the header fields the gateway adds, e.g. "X-" for X-Spam-Score
 * @param internalNetworks the client networks whose mail is outbound, as CIDR blocks ("192.0.2.0/24",
 *                         "2001:db8::/32") or single addresses; left out on PUT, they stay as they are
 */
@JsonbPropertyOrder({"version", "adminAddress", "headerPrefix", "internalNetworks", "virus", "spam", "scanning",
        "retention", "notifications", "connections"})
public record SettingsData(Long version,
                           @Size(max = 320) String adminAddress,
                           @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,38}",
                                   message = "must be letters, digits and dashes, e.g. X- or X-Sluice-")
                           String headerPrefix,
                           @Size(max = 100) List<@NotNull @Size(max = 50) String> internalNetworks,
                           @Valid Virus virus,
                           @Valid Spam spam,
                           @Valid Scanning scanning,
                           @Valid Retention retention,
                           @Valid Notifications notifications,
                           @Valid ConnectionLimits connections) {

    /**
     * Connection control by real client address, applied to the next connection or command; 0
     * means no limit. Rates count per {@code intervalSeconds}; failed AUTH attempts, across
     * connections, per {@code authFailureIntervalSeconds}. The two AUTH fields came later and may
     * be left out on PUT: they then keep their values.
     */
    @JsonbPropertyOrder({"maxTotal", "maxPerAddress", "connectionsPerInterval", "messagesPerInterval",
            "recipientsPerInterval", "intervalSeconds", "maxErrors", "errorDelayMillis", "greetPauseMillis",
            "authFailuresPerInterval", "authFailureIntervalSeconds"})
    public record ConnectionLimits(@NotNull @Min(0) @Max(100_000) Integer maxTotal,
                                   @NotNull @Min(0) @Max(100_000) Integer maxPerAddress,
                                   @NotNull @Min(0) @Max(1_000_000) Integer connectionsPerInterval,
                                   @NotNull @Min(0) @Max(1_000_000) Integer messagesPerInterval,
                                   @NotNull @Min(0) @Max(10_000_000) Integer recipientsPerInterval,
                                   @NotNull @Min(1) @Max(86_400) Integer intervalSeconds,
                                   @NotNull @Min(0) @Max(1000) Integer maxErrors,
                                   @NotNull @Min(0) @Max(60_000) Integer errorDelayMillis,
                                   @NotNull @Min(0) @Max(30_000) Integer greetPauseMillis,
                                   @Min(0) @Max(1_000_000) Integer authFailuresPerInterval,
                                   @Min(1) @Max(86_400) Integer authFailureIntervalSeconds) {
    }

    /**
     * How long quarantined messages and tracking rows are kept, in days; 0 keeps them only until
     * the next maintenance run (every minute).
     */
    @JsonbPropertyOrder({"quarantineDays", "trackingDays"})
    public record Retention(@NotNull @Min(0) @Max(3650) Integer quarantineDays,
                            @NotNull @Min(0) @Max(3650) Integer trackingDays) {
    }

    /**
     * Whether virus notifications may go to the sender (off by default: senders of viruses are
     * usually forged), and whether recipients get a digest of what is newly held for them, and how
     * often (86400 s: daily).
     */
    @JsonbPropertyOrder({"senderOnVirus", "quarantineDigest", "digestIntervalSeconds"})
    public record Notifications(@NotNull Boolean senderOnVirus, @NotNull Boolean quarantineDigest,
                                @NotNull @Min(1) @Max(31_536_000) Integer digestIntervalSeconds) {
    }

    /** Virus engines: which, what if one fails, and where clamd is ("host:port" or "unix:/path"). */
    @JsonbPropertyOrder({"engines", "onFailure", "clamdAddress", "clamdStreamMaxBytes"})
    public record Virus(@NotNull VirusEngines engines, @NotNull OnFailure onFailure,
                        @NotBlank @Size(max = 300) String clamdAddress,
                        @NotNull @Min(1024) Long clamdStreamMaxBytes) {
    }

    /** The spam engine, what if it fails, where spamd and Rspamd are, and when Bayes starts to count. */
    @JsonbPropertyOrder({"engine", "onFailure", "spamdAddress", "rspamdAddress", "bayesMinSpam", "bayesMinHam"})
    public record Spam(@NotNull SpamEngine engine, @NotNull OnFailure onFailure,
                       @NotBlank @Size(max = 300) String spamdAddress,
                       @NotBlank @Size(max = 300) String rspamdAddress,
                       @NotNull @Min(0) Integer bayesMinSpam, @NotNull @Min(0) Integer bayesMinHam) {
    }

    /** Engine timeout and the analysis limits that make a message "unscannable". */
    @JsonbPropertyOrder({"engineTimeoutMillis", "maxDepth", "maxParts", "maxExpandedBytes", "maxRatio"})
    public record Scanning(@NotNull @Min(100) @Max(600_000) Integer engineTimeoutMillis,
                           @NotNull @Min(1) @Max(100) Integer maxDepth,
                           @NotNull @Min(1) @Max(1_000_000) Integer maxParts,
                           @NotNull @Min(1024 * 1024) Long maxExpandedBytes,
                           @NotNull @Min(2) Integer maxRatio) {
    }

    public static SettingsData of(GatewaySettings s) {
        return new SettingsData(s.version(), s.adminAddress(), s.headerPrefix(), s.internalNetworks(),
                new Virus(s.virusEngines(), s.virusOnFailure(), s.clamdAddress(), s.clamdStreamMax()),
                new Spam(s.spamEngine(), s.spamOnFailure(), s.spamdAddress(), s.rspamdAddress(), s.bayesMinSpam(),
                        s.bayesMinHam()),
                new Scanning(s.engineTimeoutMillis(), s.scanMaxDepth(), s.scanMaxParts(), s.scanMaxExpanded(),
                        s.scanMaxRatio()),
                new Retention(s.quarantineRetentionDays(), s.trackingRetentionDays()),
                new Notifications(s.notifySenderOnVirus(), s.quarantineDigest(), s.digestIntervalSeconds()),
                new ConnectionLimits(s.connMaxTotal(), s.connMaxPerAddress(), s.connRatePerAddress(),
                        s.msgRatePerAddress(), s.rcptRatePerAddress(), s.rateIntervalSeconds(), s.maxErrors(),
                        s.errorDelayMillis(), s.greetPauseMillis(), s.authFailureLimit(),
                        s.authFailureIntervalSeconds()));
    }
}
