package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.List;

/** The run-time settings the admin API changes: one row. */
@Entity
@Table(name = "gateway_settings")
public class GatewaySettings {

    public static final int ID = 1;

    @Id
    private Integer id;

    /** Where admin notifications go; none until an administrator sets it. */
    @Column(name = "admin_address", length = 320)
    private String adminAddress;

    /** Prefix of the header fields the gateway adds (e.g. "X-" gives X-Spam-Score). */
    @Column(name = "header_prefix", nullable = false, length = 40)
    private String headerPrefix;

    @Enumerated(EnumType.STRING)
    @Column(name = "virus_engines", nullable = false, length = 16)
    private VirusEngines virusEngines;

    @Enumerated(EnumType.STRING)
    @Column(name = "virus_on_failure", nullable = false, length = 16)
    private OnFailure virusOnFailure;

    @Column(name = "clamd_address", nullable = false, length = 300)
    private String clamdAddress;

    @Column(name = "clamd_stream_max", nullable = false)
    private long clamdStreamMax;

    @Enumerated(EnumType.STRING)
    @Column(name = "spam_engine", nullable = false, length = 16)
    private SpamEngine spamEngine;

    @Enumerated(EnumType.STRING)
    @Column(name = "spam_on_failure", nullable = false, length = 16)
    private OnFailure spamOnFailure;

    @Column(name = "spamd_address", nullable = false, length = 300)
    private String spamdAddress;

    @Column(name = "rspamd_address", nullable = false, length = 300)
    private String rspamdAddress;

    @Column(name = "engine_timeout_ms", nullable = false)
    private int engineTimeoutMillis;

    @Column(name = "bayes_min_spam", nullable = false)
    private int bayesMinSpam;

    @Column(name = "bayes_min_ham", nullable = false)
    private int bayesMinHam;

    @Column(name = "scan_max_depth", nullable = false)
    private int scanMaxDepth;

    @Column(name = "scan_max_parts", nullable = false)
    private int scanMaxParts;

    @Column(name = "scan_max_expanded", nullable = false)
    private long scanMaxExpanded;

    @Column(name = "scan_max_ratio", nullable = false)
    private int scanMaxRatio;

    @Column(name = "quarantine_retention_days", nullable = false)
    private int quarantineRetentionDays;

    @Column(name = "tracking_retention_days", nullable = false)
    private int trackingRetentionDays;

    @Column(name = "notify_sender_on_virus", nullable = false)
    private boolean notifySenderOnVirus;

    @Column(name = "quarantine_digest", nullable = false)
    private boolean quarantineDigest;

    @Column(name = "digest_interval_seconds", nullable = false)
    private int digestIntervalSeconds;

    @Column(name = "conn_max_total", nullable = false)
    private int connMaxTotal;

    @Column(name = "conn_max_per_address", nullable = false)
    private int connMaxPerAddress;

    @Column(name = "conn_rate_per_address", nullable = false)
    private int connRatePerAddress;

    @Column(name = "msg_rate_per_address", nullable = false)
    private int msgRatePerAddress;

    @Column(name = "rcpt_rate_per_address", nullable = false)
    private int rcptRatePerAddress;

    @Column(name = "rate_interval_seconds", nullable = false)
    private int rateIntervalSeconds;

    @Column(name = "max_errors", nullable = false)
    private int maxErrors;

    @Column(name = "error_delay_millis", nullable = false)
    private int errorDelayMillis;

    @Column(name = "greet_pause_millis", nullable = false)
    private int greetPauseMillis;

    @Column(name = "auth_failure_limit", nullable = false)
    private int authFailureLimit;

    @Column(name = "auth_failure_interval_seconds", nullable = false)
    private int authFailureIntervalSeconds;

    /** Comma-separated CIDR blocks whose clients' mail is outbound; empty: none. */
    @Column(name = "internal_networks", nullable = false, length = 10000)
    private String internalNetworks;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected GatewaySettings() {
    }

    public String adminAddress() {
        return adminAddress;
    }

    public String headerPrefix() {
        return headerPrefix;
    }

    public long version() {
        return version;
    }

    public void change(String newAdminAddress, String newHeaderPrefix) {
        this.adminAddress = newAdminAddress;
        this.headerPrefix = newHeaderPrefix;
    }

    public void changeVirus(VirusEngines engines, OnFailure onFailure, String clamd, long streamMax) {
        this.virusEngines = engines;
        this.virusOnFailure = onFailure;
        this.clamdAddress = clamd;
        this.clamdStreamMax = streamMax;
    }

    public void changeSpam(SpamEngine engine, OnFailure onFailure, String spamd, String rspamd, int minSpam,
                           int minHam) {
        this.spamEngine = engine;
        this.spamOnFailure = onFailure;
        this.spamdAddress = spamd;
        this.rspamdAddress = rspamd;
        this.bayesMinSpam = minSpam;
        this.bayesMinHam = minHam;
    }

    public void changeLimits(int timeoutMillis, int maxDepth, int maxParts, long maxExpanded, int maxRatio) {
        this.engineTimeoutMillis = timeoutMillis;
        this.scanMaxDepth = maxDepth;
        this.scanMaxParts = maxParts;
        this.scanMaxExpanded = maxExpanded;
        this.scanMaxRatio = maxRatio;
    }

    public void changeRetention(int quarantineDays, int trackingDays) {
        this.quarantineRetentionDays = quarantineDays;
        this.trackingRetentionDays = trackingDays;
    }

    public void changeNotifications(boolean senderOnVirus, boolean digest, int digestIntervalSeconds) {
        this.notifySenderOnVirus = senderOnVirus;
        this.quarantineDigest = digest;
        this.digestIntervalSeconds = digestIntervalSeconds;
    }

    public void changeConnections(int connMaxTotal, int connMaxPerAddress, int connRatePerAddress, int msgRatePerAddress, int rcptRatePerAddress, int rateIntervalSeconds, int maxErrors, int errorDelayMillis, int greetPauseMillis) {
        this.connMaxTotal = connMaxTotal;
        this.connMaxPerAddress = connMaxPerAddress;
        this.connRatePerAddress = connRatePerAddress;
        this.msgRatePerAddress = msgRatePerAddress;
        this.rcptRatePerAddress = rcptRatePerAddress;
        this.rateIntervalSeconds = rateIntervalSeconds;
        this.maxErrors = maxErrors;
        this.errorDelayMillis = errorDelayMillis;
        this.greetPauseMillis = greetPauseMillis;
    }

    public void changeAuthFailureLimit(int limit, int intervalSeconds) {
        this.authFailureLimit = limit;
        this.authFailureIntervalSeconds = intervalSeconds;
    }

    public int authFailureLimit() {
        return authFailureLimit;
    }

    public int authFailureIntervalSeconds() {
        return authFailureIntervalSeconds;
    }

    public List<String> internalNetworks() {
        return internalNetworks.isEmpty() ? List.of() : List.of(internalNetworks.split(","));
    }

    public void changeInternalNetworks(List<String> blocks) {
        this.internalNetworks = String.join(",", blocks);
    }

    public int connMaxTotal() {
        return connMaxTotal;
    }

    public int connMaxPerAddress() {
        return connMaxPerAddress;
    }

    public int connRatePerAddress() {
        return connRatePerAddress;
    }

    public int msgRatePerAddress() {
        return msgRatePerAddress;
    }

    public int rcptRatePerAddress() {
        return rcptRatePerAddress;
    }

    public int rateIntervalSeconds() {
        return rateIntervalSeconds;
    }

    public int maxErrors() {
        return maxErrors;
    }

    public int errorDelayMillis() {
        return errorDelayMillis;
    }

    public int greetPauseMillis() {
        return greetPauseMillis;
    }

    public int digestIntervalSeconds() {
        return digestIntervalSeconds;
    }

    public int quarantineRetentionDays() {
        return quarantineRetentionDays;
    }

    public int trackingRetentionDays() {
        return trackingRetentionDays;
    }

    public boolean notifySenderOnVirus() {
        return notifySenderOnVirus;
    }

    public boolean quarantineDigest() {
        return quarantineDigest;
    }

    public VirusEngines virusEngines() {
        return virusEngines;
    }

    public OnFailure virusOnFailure() {
        return virusOnFailure;
    }

    public String clamdAddress() {
        return clamdAddress;
    }

    public long clamdStreamMax() {
        return clamdStreamMax;
    }

    public SpamEngine spamEngine() {
        return spamEngine;
    }

    public OnFailure spamOnFailure() {
        return spamOnFailure;
    }

    public String spamdAddress() {
        return spamdAddress;
    }

    public String rspamdAddress() {
        return rspamdAddress;
    }

    public int engineTimeoutMillis() {
        return engineTimeoutMillis;
    }

    public int bayesMinSpam() {
        return bayesMinSpam;
    }

    public int bayesMinHam() {
        return bayesMinHam;
    }

    public int scanMaxDepth() {
        return scanMaxDepth;
    }

    public int scanMaxParts() {
        return scanMaxParts;
    }

    public long scanMaxExpanded() {
        return scanMaxExpanded;
    }

    public int scanMaxRatio() {
        return scanMaxRatio;
    }
}
