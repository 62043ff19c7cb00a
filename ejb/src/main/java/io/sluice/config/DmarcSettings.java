package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * DMARC's aggregate reports (RFC 7489 §7.2) and the local overrides of domains' policies (§6.7).
 *
 * @param reports            whether aggregate reports are kept and sent to the domains' {@code rua=}
 *                           addresses; off by default, since they tell other organisations who mails us
 * @param reportSender       the address reports come from ("dmarc-reports@gateway.example"; its domain
 *                           is the reports' submitter); empty: none, and no report is sent
 * @param reportOrganisation the organisation the reports name as their author ({@code org_name})
 * @param reportInterval     how long one report covers; a report per domain goes out when it has passed
 * @param localPolicyDomains comma-separated author domains (with their subdomains) whose failing
 *                           policy is not carried out (reason {@code local_policy})
 * @param trustedForwarders  comma-separated client networks (CIDR) that forward mail for us, so that a
 *                           failure from one is not carried out (reason {@code trusted_forwarder})
 * @param trustedArcSealers  comma-separated domains (with their subdomains) whose passing ARC chain,
 *                           as its newest sealer, lets a failure through (RFC 8617 §7.2)
 */
@Embeddable
public record DmarcSettings(
        @Column(name = "dmarc_reports_enabled", nullable = false) boolean reports,
        @Column(name = "dmarc_report_sender", nullable = false, length = 320) String reportSender,
        @Column(name = "dmarc_report_org", nullable = false, length = 200) String reportOrganisation,
        @Convert(converter = DurationSeconds.class) @Column(name = "dmarc_report_interval_seconds", nullable = false)
        Duration reportInterval,
        @Column(name = "dmarc_local_policy_domains", nullable = false, length = 10000) String localPolicyDomains,
        @Column(name = "dmarc_trusted_forwarders", nullable = false, length = 10000) String trustedForwarders,
        @Column(name = "dmarc_trusted_arc_sealers", nullable = false, length = 10000) String trustedArcSealers) {

    public static final DmarcSettings DEFAULT = new DmarcSettings(false, "", "", Duration.ofDays(1), "", "", "");

    public List<String> localPolicyDomainList() {
        return list(localPolicyDomains);
    }

    public List<String> trustedForwarderList() {
        return list(trustedForwarders);
    }

    public List<String> trustedArcSealerList() {
        return list(trustedArcSealers);
    }

    /** Whether reports are on and can be sent: they need a sender address. */
    public boolean reporting() {
        return reports && !reportSender.isBlank();
    }

    private static List<String> list(String comma) {
        return Arrays.stream(comma.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
