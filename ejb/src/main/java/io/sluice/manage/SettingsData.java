package io.sluice.manage;

import io.sluice.api.Cidr;
import io.sluice.api.MailboxSyntax;
import io.sluice.config.ArcSealing;
import io.sluice.config.Connections;
import io.sluice.config.DnsList;
import io.sluice.config.General;
import io.sluice.config.InternalNetworks;
import io.sluice.config.OnFailure;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.ScanSettings;
import io.sluice.config.SpamEngine;
import io.sluice.config.SpamScanning;
import io.sluice.config.VirusEngines;
import io.sluice.config.VirusScanning;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;

/**
 * The run-time settings as the admin API reads and writes them: the JSON shape of each concern's
 * record ({@link RuntimeSettings}), with the constraints input must meet. On PUT, a group left out
 * ({@code virus}, {@code spam}, {@code scanning} ...) keeps its current values.
 *
 * @param adminAddress     where admin notifications go (none: no admin notifications)
 * @param headerPrefix     prefix of the header fields the gateway adds, e.g. "X-" for X-Spam-Score
 * @param internalNetworks the client networks whose mail is outbound, as CIDR blocks ("192.0.2.0/24",
 *                         "2001:db8::/32") or single addresses; left out on PUT, they stay as they are
 */
@JsonbPropertyOrder({"version", "adminAddress", "headerPrefix", "internalNetworks", "virus", "spam", "scanning",
        "retention", "notifications", "connections", "senderChecks", "dmarc"})
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
                           @Valid ConnectionLimits connections,
                           @Valid SenderChecks senderChecks,
                           @Valid Dmarc dmarc) {

    /**
     * DMARC's aggregate reports and local overrides: whether reports are sent (RFC 7489 §7.2; the
     * sender address is then required), the address and organisation they come from, how long one
     * covers (3600 to 604800 s), the author domains whose policy is not carried out, the client
     * networks (CIDR) that forward mail to us and the ARC sealer domains whose passing chain is
     * trusted (§6.7). A field left out on PUT keeps its value.
     */
    @JsonbPropertyOrder({"reports", "reportSender", "reportOrganisation", "reportIntervalSeconds", "localPolicyDomains",
            "trustedForwarders", "trustedArcSealers"})
    public record Dmarc(Boolean reports,
                        @Size(max = 320) String reportSender,
                        @Size(max = 200) String reportOrganisation,
                        @Min(3600) @Max(604_800) Integer reportIntervalSeconds,
                        @Size(max = 200) List<@NotNull @Size(max = 253) @Pattern(regexp = DOMAIN,
                                message = "must be a domain, e.g. example.org") String> localPolicyDomains,
                        @Size(max = 200) List<@NotNull @Size(max = 50) String> trustedForwarders,
                        @Size(max = 200) List<@NotNull @Size(max = 253) @Pattern(regexp = DOMAIN,
                                message = "must be a domain, e.g. example.org") String> trustedArcSealers) {

        static Dmarc of(io.sluice.config.DmarcSettings d) {
            return new Dmarc(d.reports(), d.reportSender(), d.reportOrganisation(), (int) d.reportInterval().toSeconds(),
                    d.localPolicyDomainList(), d.trustedForwarderList(), d.trustedArcSealerList());
        }

        io.sluice.config.DmarcSettings over(io.sluice.config.DmarcSettings current) {
            return new io.sluice.config.DmarcSettings(
                    reports == null ? current.reports() : reports,
                    reportSender == null ? current.reportSender() : reportSender.trim(),
                    reportOrganisation == null ? current.reportOrganisation() : reportOrganisation.trim(),
                    reportIntervalSeconds == null ? current.reportInterval() : Duration.ofSeconds(reportIntervalSeconds),
                    localPolicyDomains == null ? current.localPolicyDomains() : joined(localPolicyDomains),
                    trustedForwarders == null ? current.trustedForwarders() : joined(trustedForwarders),
                    trustedArcSealers == null ? current.trustedArcSealers() : joined(trustedArcSealers));
        }

        private static String joined(List<String> values) {
            return String.join(",", values.stream().map(v -> v.trim().toLowerCase(java.util.Locale.ROOT)).toList());
        }

        /** The sender must be an address, and there must be one while reports are on. */
        void check(io.sluice.config.DmarcSettings current, List<Violation> violations) {
            String sender = reportSender == null ? current.reportSender() : reportSender.trim();
            boolean on = reports == null ? current.reports() : reports;
            if (!sender.isEmpty() && !MailboxSyntax.isValid(sender)) {
                violations.add(new Violation("dmarc.reportSender", "is not an e-mail address"));
            } else if (on && sender.isEmpty()) {
                violations.add(new Violation("dmarc.reportSender", "is required while reports are on"));
            }
            if (trustedForwarders != null) {
                for (int i = 0; i < trustedForwarders.size(); i++) {
                    if (trustedForwarders.get(i) == null) {
                        continue;
                    }
                    try {
                        Cidr.parse(trustedForwarders.get(i).trim());
                    } catch (IllegalArgumentException e) {
                        violations.add(new Violation("dmarc.trustedForwarders[" + i + "]", e.getMessage()));
                    }
                }
            }
        }
    }

    /** A domain name of two labels or more (letters, digits, inner hyphens). */
    static final String DOMAIN = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+";

    /**
     * The checks of the sender that ask the DNS: the resolvers ("192.0.2.53", "192.0.2.53:5353",
     * "[2001:db8::53]:53"; none: the system's), how long one question may take, and whether SPF is
     * checked at MAIL, the DNS block lists in the order they are asked, and greylisting at RCPT (its
     * delay, the window a retry is taken in, how long a client network that retried passes, the
     * networks and sender domains never greylisted, and whether an SPF pass is exempt), whether DKIM
     * and ARC are verified and DMARC evaluated at the end of data, and which inbound messages get an
     * ARC set (OFF, CHANGED, ALL) sealed with the active DKIM key of which domain. A field left out
     * on PUT keeps its value.
     */
    @JsonbPropertyOrder({"dnsServers", "dnsTimeoutMillis", "spf", "dnsLists", "greylisting", "greylistDelaySeconds",
            "greylistWindowSeconds", "greylistAllowSeconds", "greylistExempt", "greylistExemptSpfPass", "dkim", "dmarc",
            "arcSeal", "arcSealDomain"})
    public record SenderChecks(@Size(max = 10) List<@NotNull @Size(max = 60) String> dnsServers,
                               @Min(100) @Max(60_000) Integer dnsTimeoutMillis,
                               Boolean spf,
                               @Size(max = 50) List<@NotNull @Valid DnsListData> dnsLists,
                               Boolean greylisting,
                               @Min(1) @Max(86_400) Integer greylistDelaySeconds,
                               @Min(60) @Max(604_800) Integer greylistWindowSeconds,
                               @Min(0) @Max(31_536_000) Integer greylistAllowSeconds,
                               @Size(max = 200) List<@NotNull @Size(max = 253) String> greylistExempt,
                               Boolean greylistExemptSpfPass,
                               Boolean dkim,
                               Boolean dmarc,
                               ArcSealing arcSeal,
                               @Size(max = 253) @Pattern(regexp = "|" + DOMAIN, message = "must be a domain name, e.g. example.org")
                               String arcSealDomain) {

        static SenderChecks of(io.sluice.config.SenderChecks c, List<DnsList> lists) {
            return new SenderChecks(c.resolverTexts(), (int) c.dnsTimeout().toMillis(), c.spf(),
                    lists.stream().map(DnsListData::of).toList(), c.greylisting(), (int) c.greylistDelay().toSeconds(),
                    (int) c.greylistWindow().toSeconds(), (int) c.greylistAllowFor().toSeconds(), c.greylistExemptions(),
                    c.greylistExemptSpfPass(), c.dkim(), c.dmarc(), c.arcSeal(), c.arcSealDomain());
        }

        io.sluice.config.SenderChecks over(io.sluice.config.SenderChecks current) {
            return new io.sluice.config.SenderChecks(
                    dnsServers == null ? current.dnsServers() : String.join(",", dnsServers.stream().map(String::trim).toList()),
                    dnsTimeoutMillis == null ? current.dnsTimeout() : Duration.ofMillis(dnsTimeoutMillis),
                    spf == null ? current.spf() : spf,
                    greylisting == null ? current.greylisting() : greylisting,
                    greylistDelaySeconds == null ? current.greylistDelay() : Duration.ofSeconds(greylistDelaySeconds),
                    greylistWindowSeconds == null ? current.greylistWindow() : Duration.ofSeconds(greylistWindowSeconds),
                    greylistAllowSeconds == null ? current.greylistAllowFor() : Duration.ofSeconds(greylistAllowSeconds),
                    greylistExempt == null ? current.greylistExempt()
                            : String.join(",", greylistExempt.stream().map(String::trim).toList()),
                    greylistExemptSpfPass == null ? current.greylistExemptSpfPass() : greylistExemptSpfPass,
                    dkim == null ? current.dkim() : dkim,
                    dmarc == null ? current.dmarc() : dmarc,
                    arcSeal == null ? current.arcSeal() : arcSeal,
                    arcSealDomain == null ? current.arcSealDomain() : arcSealDomain.toLowerCase(java.util.Locale.ROOT));
        }

        List<DnsList> listsOver(List<DnsList> current) {
            return dnsLists == null ? current : dnsLists.stream().map(DnsListData::list).toList();
        }
    }

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

        static ConnectionLimits of(Connections c) {
            return new ConnectionLimits(c.maxTotal(), c.maxPerAddress(), c.connectionRate(), c.messageRate(),
                    c.recipientRate(), (int) c.interval().toSeconds(), c.maxErrors(), (int) c.errorDelay().toMillis(),
                    (int) c.greetPause().toMillis(), c.authFailures(), (int) c.authFailureInterval().toSeconds());
        }

        /** The AUTH fields may be left out: they then keep their current values. */
        Connections over(Connections current) {
            return new Connections(maxTotal, maxPerAddress, connectionsPerInterval, messagesPerInterval,
                    recipientsPerInterval, Duration.ofSeconds(intervalSeconds), maxErrors,
                    Duration.ofMillis(errorDelayMillis), Duration.ofMillis(greetPauseMillis),
                    authFailuresPerInterval != null ? authFailuresPerInterval : current.authFailures(),
                    authFailureIntervalSeconds != null ? Duration.ofSeconds(authFailureIntervalSeconds)
                            : current.authFailureInterval());
        }
    }

    /**
     * How long quarantined messages, tracking rows and audit log entries are kept, in days; 0 keeps
     * them only until the next maintenance run (every minute). {@code auditDays} came later and may
     * be left out on PUT: it then keeps its value.
     */
    @JsonbPropertyOrder({"quarantineDays", "trackingDays", "auditDays"})
    public record Retention(@NotNull @Min(0) @Max(3650) Integer quarantineDays,
                            @NotNull @Min(0) @Max(3650) Integer trackingDays,
                            @Min(0) @Max(3650) Integer auditDays) {

        static Retention of(io.sluice.config.Retention r) {
            return new Retention(r.quarantineDays(), r.trackingDays(), r.auditDays());
        }

        io.sluice.config.Retention over(io.sluice.config.Retention current) {
            return new io.sluice.config.Retention(quarantineDays, trackingDays,
                    auditDays != null ? auditDays : current.auditDays());
        }
    }

    /**
     * Whether virus notifications may go to the sender (off by default: senders of viruses are
     * usually forged), and whether recipients get a digest of what is newly held for them, and how
     * often (86400 s: daily).
     */
    @JsonbPropertyOrder({"senderOnVirus", "quarantineDigest", "digestIntervalSeconds", "consoleUrl"})
    public record Notifications(@NotNull Boolean senderOnVirus, @NotNull Boolean quarantineDigest,
                                @NotNull @Min(1) @Max(31_536_000) Integer digestIntervalSeconds,
                                @Size(max = 400) @Pattern(regexp = "https?://[^\\s\"<>]+/",
                                        message = "must be an http or https address ending in /, "
                                                + "e.g. https://gateway.example.com:8443/") String consoleUrl) {

        static Notifications of(io.sluice.config.Notifications n) {
            return new Notifications(n.senderOnVirus(), n.quarantineDigest(), (int) n.digestInterval().toSeconds(),
                    n.consoleUrl());
        }

        io.sluice.config.Notifications settings() {
            return new io.sluice.config.Notifications(senderOnVirus, quarantineDigest,
                    Duration.ofSeconds(digestIntervalSeconds), consoleUrl == null || consoleUrl.isBlank() ? null
                    : consoleUrl);
        }
    }

    /** Virus engines: which, what if one fails, and where clamd is ("host:port" or "unix:/path"). */
    @JsonbPropertyOrder({"engines", "onFailure", "clamdAddress", "clamdStreamMaxBytes"})
    public record Virus(@NotNull VirusEngines engines, @NotNull OnFailure onFailure,
                        @NotBlank @Size(max = 300) String clamdAddress,
                        @NotNull @Min(1024) Long clamdStreamMaxBytes) {

        static Virus of(VirusScanning v) {
            return new Virus(v.engines(), v.onFailure(), v.clamdAddress(), v.clamdStreamMax());
        }

        VirusScanning settings() {
            return new VirusScanning(engines, onFailure, clamdAddress.trim(), clamdStreamMaxBytes);
        }
    }

    /** The spam engine, what if it fails, where spamd and Rspamd are, and when Bayes starts to count. */
    @JsonbPropertyOrder({"engine", "onFailure", "spamdAddress", "rspamdAddress", "bayesMinSpam", "bayesMinHam"})
    public record Spam(@NotNull SpamEngine engine, @NotNull OnFailure onFailure,
                       @NotBlank @Size(max = 300) String spamdAddress,
                       @NotBlank @Size(max = 300) String rspamdAddress,
                       @NotNull @Min(0) Integer bayesMinSpam, @NotNull @Min(0) Integer bayesMinHam) {

        static Spam of(SpamScanning s) {
            return new Spam(s.engine(), s.onFailure(), s.spamdAddress(), s.rspamdAddress(), s.bayesMinSpam(),
                    s.bayesMinHam());
        }

        SpamScanning settings() {
            return new SpamScanning(engine, onFailure, spamdAddress.trim(), rspamdAddress.trim(), bayesMinSpam,
                    bayesMinHam);
        }
    }

    /** Engine timeout and the analysis limits that make a message "unscannable". */
    @JsonbPropertyOrder({"engineTimeoutMillis", "maxDepth", "maxParts", "maxExpandedBytes", "maxRatio"})
    public record Scanning(@NotNull @Min(100) @Max(600_000) Integer engineTimeoutMillis,
                           @NotNull @Min(1) @Max(100) Integer maxDepth,
                           @NotNull @Min(1) @Max(1_000_000) Integer maxParts,
                           @NotNull @Min(1024 * 1024) Long maxExpandedBytes,
                           @NotNull @Min(2) Integer maxRatio) {

        static Scanning of(ScanSettings s) {
            return new Scanning((int) s.engineTimeout().toMillis(), s.maxDepth(), s.maxParts(), s.maxExpandedBytes(),
                    s.maxRatio());
        }

        ScanSettings settings() {
            return new ScanSettings(Duration.ofMillis(engineTimeoutMillis), maxDepth, maxParts, maxExpandedBytes,
                    maxRatio);
        }
    }

    /**
     * One DNS block list: its zone, IP or DOMAIN, the answers that count ("127.0.0.2,127.0.0.3";
     * empty: any in 127.0.0.0/8 but 127.255.255.0/24), whether a listing refuses at once (at connect
     * for an IP list, at MAIL for the sender's domain and HELO) and the points it adds to the spam score.
     */
    @JsonbPropertyOrder({"zone", "kind", "returnCodes", "reject", "weight"})
    public record DnsListData(@NotBlank @Size(max = 253)
                              @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+",
                                      message = "must be a DNS zone, e.g. zen.spamhaus.org") String zone,
                              @NotNull DnsList.Kind kind,
                              @Size(max = 1000) @Pattern(regexp = "(\\s*\\d{1,3}(\\.\\d{1,3}){3}\\s*(,|$))*",
                                      message = "must be IPv4 addresses separated by commas") String returnCodes,
                              Boolean reject,
                              @Min(-100) @Max(100) Double weight) {

        static DnsListData of(DnsList l) {
            return new DnsListData(l.zone(), l.kind(), l.returnCodes(), l.reject(), l.weight());
        }

        DnsList list() {
            return new DnsList(zone.toLowerCase(java.util.Locale.ROOT), kind,
                    returnCodes == null ? "" : String.join(",", new DnsList(zone, kind, returnCodes, false, 0).codes()),
                    reject != null && reject, weight == null ? 0 : weight);
        }
    }

    /** What Bean Validation cannot say about these values: addresses and networks that do not parse. */
    void check(RuntimeSettings current, List<Violation> violations) {
        if (dmarc != null) {
            dmarc.check(current.dmarc(), violations);
        }
        if (adminAddress != null && !adminAddress.isBlank() && !MailboxSyntax.isValid(adminAddress.trim())) {
            violations.add(new Violation("adminAddress", "is not an e-mail address"));
        }
        if (internalNetworks != null) {
            networks(internalNetworks, violations);
        }
        if (senderChecks != null && senderChecks.dnsServers() != null) {
            for (int i = 0; i < senderChecks.dnsServers().size(); i++) {
                String server = senderChecks.dnsServers().get(i);
                try {
                    if (server != null) {
                        io.sluice.config.SenderChecks.resolver(server.trim());
                    }
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("senderChecks.dnsServers[" + i + "]", e.getMessage()));
                }
            }
        }
        if (senderChecks != null && senderChecks.greylistExempt() != null) {
            for (int i = 0; i < senderChecks.greylistExempt().size(); i++) {
                String e = senderChecks.greylistExempt().get(i);
                if (e == null) {
                    continue;
                }
                String t = e.trim();
                boolean network = t.contains("/") || t.contains(":") || t.matches("[0-9.]+");
                try {
                    if (network) {
                        Cidr.parse(t);
                    } else if (!t.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
                        violations.add(new Violation("senderChecks.greylistExempt[" + i + "]",
                                "must be a network (CIDR) or a domain"));
                    }
                } catch (IllegalArgumentException ex) {
                    violations.add(new Violation("senderChecks.greylistExempt[" + i + "]", ex.getMessage()));
                }
            }
        }
        if (virus != null) {
            engineAddress("virus.clamdAddress", virus.clamdAddress(), violations);
        }
        if (spam != null) {
            engineAddress("spam.spamdAddress", spam.spamdAddress(), violations);
            engineAddress("spam.rspamdAddress", spam.rspamdAddress(), violations);
        }
    }

    /** Each an IPv4 or IPv6 address or CIDR block (Bean Validation has reported null ones already). */
    private static void networks(List<String> blocks, List<Violation> out) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) == null) {
                continue;
            }
            try {
                Cidr.parse(blocks.get(i));
            } catch (IllegalArgumentException e) {
                out.add(new Violation("internalNetworks[" + i + "]", e.getMessage()));
            }
        }
    }

    /** "host:port", "unix:/absolute/path", or for Rspamd also "http://host:port". */
    private static void engineAddress(String field, String value, List<Violation> out) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.trim();
        boolean ok;
        if (v.startsWith("unix:")) {
            ok = v.length() > 6 && v.charAt(5) == '/';
        } else {
            String hostPort = v.startsWith("http://") ? v.substring(7).replaceAll("/.*$", "") : v;
            int colon = hostPort.lastIndexOf(':');
            ok = colon > 0 && hostPort.substring(colon + 1).matches("\\d{1,5}")
                    && Integer.parseInt(hostPort.substring(colon + 1)) <= 65535;
        }
        if (!ok) {
            out.add(new Violation(field, "must be host:port or unix:/path"));
        }
    }

    /** The settings as the API shows them. */
    public static SettingsData of(long version, RuntimeSettings s) {
        return new SettingsData(version, s.general().adminAddress(), s.general().headerPrefix(),
                s.internalNetworks().texts(), Virus.of(s.virus()), Spam.of(s.spam()), Scanning.of(s.scanning()),
                Retention.of(s.retention()), Notifications.of(s.notifications()),
                ConnectionLimits.of(s.connections()), SenderChecks.of(s.senderChecks(), s.dnsLists()), Dmarc.of(s.dmarc()));
    }

    /**
     * The settings these (valid) values make of the current ones: the groups and fields left out
     * keep their values; addresses are trimmed, a blank admin address is none.
     */
    public RuntimeSettings over(RuntimeSettings current) {
        String address = adminAddress == null || adminAddress.isBlank() ? null : adminAddress.trim();
        return new RuntimeSettings(new General(address, headerPrefix),
                virus == null ? current.virus() : virus.settings(),
                spam == null ? current.spam() : spam.settings(),
                scanning == null ? current.scanning() : scanning.settings(),
                retention == null ? current.retention() : retention.over(current.retention()),
                notifications == null ? current.notifications() : notifications.settings(),
                connections == null ? current.connections() : connections.over(current.connections()),
                internalNetworks == null ? current.internalNetworks()
                        : InternalNetworks.of(internalNetworks.stream().map(String::trim).toList()),
                senderChecks == null ? current.senderChecks() : senderChecks.over(current.senderChecks()),
                senderChecks == null ? current.dnsLists() : senderChecks.listsOver(current.dnsLists()),
                dmarc == null ? current.dmarc() : dmarc.over(current.dmarc()));
    }
}
