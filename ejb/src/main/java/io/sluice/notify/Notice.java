package io.sluice.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notification about one message says: the values of the template placeholders.
 *
 * @param viruses   the viruses found (empty if none)
 * @param spamScore the spam score, or NaN when not scored
 * @param action    what the gateway did, e.g. "rejected", "quarantined", "delivered"
 * @param reason    the verdict in words, e.g. "virus Eicar-Test-Signature" or "spam score 17.2"
 */
public record Notice(String queueId, String sender, List<String> recipients, String subject, List<String> viruses,
                     double spamScore, String policy, String action, String reason, String hostname) {

    public Notice {
        recipients = List.copyOf(recipients);
        viruses = List.copyOf(viruses);
    }

    /** The placeholder values: ${queueId} ${sender} ${recipients} ${subject} ${virus} ${spamScore} ... */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("queueId", queueId);
        v.put("sender", sender.isEmpty() ? "<>" : sender);
        v.put("recipients", String.join(", ", recipients));
        v.put("subject", subject);
        v.put("virus", viruses.isEmpty() ? "none" : String.join(", ", viruses));
        v.put("spamScore", Double.isNaN(spamScore) ? "not scored" : String.format(java.util.Locale.ROOT, "%.1f", spamScore));
        v.put("policy", policy);
        v.put("action", action);
        v.put("reason", reason);
        v.put("hostname", hostname);
        return v;
    }
}
