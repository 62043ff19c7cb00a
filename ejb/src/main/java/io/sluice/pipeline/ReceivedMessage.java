package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.Transaction;
import io.sluice.dnsbl.Listing;
import io.sluice.policy.MessageFacts;
import io.sluice.scan.Attachment;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.ScanResult;
import io.sluice.scan.TextPart;
import io.sluice.scan.VirusHit;

import java.util.ArrayList;
import java.util.List;

/**
 * One message at the end of data, as the policy's rules see it. The header section is read and
 * parsed only if a rule or a header change needs it.
 */
final class ReceivedMessage implements MessageFacts {

    private final Transaction transaction;
    private final MessageContent content;
    private final MessageHeaders headers;
    private ScanResult scan;
    private List<Listing> listings = List.of();
    private io.sluice.arc.ArrivalAuthentication arrival;
    private io.sluice.dmarc.DmarcResult dmarc;

    ReceivedMessage(Transaction transaction, MessageContent content) {
        this.transaction = transaction;
        this.content = content;
        this.headers = new MessageHeaders(content);
    }

    MessageContent content() {
        return content;
    }

    MessageHeaders headers() {
        return headers;
    }

    /** Makes the engines' verdicts visible to the policy's filters. */
    void attach(ScanResult result) {
        this.scan = result;
    }

    ScanResult scan() {
        return scan;
    }

    /** The block lists' listings of the client, HELO, sender and URLs. */
    void listedBy(List<Listing> found) {
        this.listings = List.copyOf(found);
    }

    List<Listing> listings() {
        return listings;
    }

    /** Makes the DKIM and ARC results, and the DMARC result (null when DMARC is off), facts for the policy. */
    void authenticatedBy(io.sluice.arc.ArrivalAuthentication found, io.sluice.dmarc.DmarcResult dmarcResult) {
        this.arrival = found;
        this.dmarc = dmarcResult;
    }

    /** The DKIM and ARC results of arrival, or null when they were not checked. */
    io.sluice.arc.ArrivalAuthentication arrival() {
        return arrival;
    }

    /** The DKIM results for the tracking log, or null when DKIM was not verified. */
    String trackedDkim() {
        return arrival == null ? null : AuthenticateMessage.tracked(arrival.dkim());
    }

    /** The DMARC result for the tracking log, or null when DMARC was not evaluated. */
    String trackedDmarc() {
        return dmarc == null ? null : AuthenticateMessage.tracked(dmarc);
    }

    @Override
    public List<String> dkim() {
        if (arrival == null) {
            return null;
        }
        return arrival.dkim().isEmpty() ? List.of("none") : arrival.dkim().stream().map(d -> d.status().keyword()).toList();
    }

    @Override
    public String dmarc() {
        return dmarc == null ? null : dmarc.status().keyword();
    }

    @Override
    public String dmarcDisposition() {
        return dmarc == null || dmarc.status() != io.sluice.dmarc.DmarcResult.Status.FAIL ? null
                : dmarc.disposition().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<String> dnsLists() {
        return listings.stream().map(l -> l.list().zone()).distinct().toList();
    }

    @Override
    public String spf() {
        return transaction.attributes().get(MailPhase.SPF);
    }

    @Override
    public String greylist() {
        return transaction.attributes().get(Greylisting.RESULT);
    }

    @Override
    public List<String> viruses() {
        return scan == null ? List.of() : scan.viruses().stream().map(VirusHit::name).toList();
    }

    @Override
    public double spamScore() {
        return scan == null || scan.spam() == null ? Double.NaN : scan.spam().score();
    }

    @Override
    public List<String> attachmentNames() {
        return scan == null ? List.of() : scan.analysis().names();
    }

    @Override
    public List<String> attachmentTypes() {
        if (scan == null) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        for (Attachment a : scan.analysis().attachments()) {
            if (!a.declaredType().isEmpty()) {
                types.add(a.declaredType());
            }
            types.add(a.detectedType());
        }
        return types;
    }

    @Override
    public List<String> texts() {
        return scan == null ? List.of() : scan.analysis().texts().stream().map(TextPart::text).toList();
    }

    @Override
    public String unscannable() {
        return scan == null ? null : scan.analysis().unscannable();
    }

    @Override
    public boolean encryptedArchive() {
        return scan != null && scan.analysis().encryptedArchive();
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public String clientAddress() {
        return transaction.client().address();
    }

    @Override
    public boolean authenticated() {
        return transaction.client().authenticated();
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.values(name);
    }

    @Override
    public String subject() {
        return headers.subject();
    }
}
