package io.sluice.tracking;

import io.sluice.security.Scope;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * What the tracking log keeps about one transaction that reached the end of data.
 *
 * @param outcome  DELIVERED, REJECTED, DROPPED, QUARANTINED or DEFERRED
 * @param verdict  clean, spam, virus, unscannable or unscanned
 * @param actions  the policy actions carried out, e.g. "TAG_SUBJECT,NOTIFY"
 * @param spf      the SPF result for MAIL FROM ("pass", "fail" ...), or null when SPF was not checked
 * @param dnsbl    the block lists' listings ("zen.test client 192.0.2.1=127.0.0.2; ..."), or null for none
 * @param dkim     the DKIM results ("pass d=example.org s=sel; ...", "none" without a signature), or null when not checked
 * @param dmarc    the DMARC result ("pass", "fail reject" with the disposition applied ...), or null when not checked
 * @param greylist greylisting's result for the recipients ("passed", "known", "exempt"), or null while greylisting is off
 */
@JsonbPropertyOrder({"queueId", "receivedAt", "decidedAt", "relayedAt", "clientIp", "helo", "tls", "authUser", "sender",
        "recipients", "size", "viruses", "spamScore", "spamSymbols", "verdict", "policy", "actions", "outcome", "reply",
        "downstreamReply", "scanMillis", "relayMillis", "totalMillis", "spf", "dnsbl", "dkim", "dmarc", "greylist"})
public record TrackingRecord(String queueId, Instant receivedAt, Instant decidedAt, Instant relayedAt,
                             String clientIp, String helo, boolean tls, String authUser, String sender,
                             List<String> recipients, long size, List<String> viruses, Double spamScore,
                             String spamSymbols, String verdict, String policy, String actions, String outcome,
                             String reply, String downstreamReply, Double scanMillis, Double relayMillis,
                             double totalMillis, String spf, String dnsbl, String dkim, String dmarc,
                             String greylist) {

    public TrackingRecord {
        recipients = List.copyOf(recipients);
        viruses = List.copyOf(viruses);
    }

    /** The record as a caller with this scope may see it: only the recipients within the scope. */
    public TrackingRecord narrowedTo(Scope scope) {
        if (scope.everything()) {
            return this;
        }
        return new TrackingRecord(queueId, receivedAt, decidedAt, relayedAt, clientIp, helo, tls, authUser, sender,
                recipients.stream().filter(scope::covers).toList(), size, viruses, spamScore, spamSymbols, verdict,
                policy, actions, outcome, reply, downstreamReply, scanMillis, relayMillis, totalMillis, spf, dnsbl, dkim, dmarc,
                greylist);
    }
}
