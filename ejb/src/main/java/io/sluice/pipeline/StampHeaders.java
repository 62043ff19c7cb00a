package io.sluice.pipeline;

import io.sluice.api.Transaction;
import io.sluice.authresults.AuthenticationResults;

import java.io.ByteArrayOutputStream;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header fields that go in front of every copy that leaves: Authentication-Results (when a
 * check ran), the Received: trace field, and the verdict fields.
 */
final class StampHeaders implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(512);
        if (!m.authResults.isEmpty()) {
            prefix.writeBytes(m.authResults.bytes());
        }
        prefix.writeBytes(TraceHeaders.build(m.tx, ZonedDateTime.now()));
        prefix.writeBytes(VerdictHeaders.build(m.settings, m.message.scan(), m.policy));
        m.prefix = prefix.toByteArray();
    }

    /** The SPF results of MAIL (RFC 8601 §2.7.2: smtp.mailfrom, smtp.helo), when SPF was checked. */
    static void addSpf(Transaction tx, AuthenticationResults ar) {
        String spf = tx.attributes().get(MailPhase.SPF);
        if (spf == null) {
            return;
        }
        Map<String, String> mailFrom = new LinkedHashMap<>();
        mailFrom.put("smtp.mailfrom", tx.attributes().get(MailPhase.SPF_DOMAIN));
        ar.add("spf", spf, mailFrom);
        String helo = tx.attributes().get(MailPhase.SPF_HELO);
        if (helo != null && tx.client().helo() != null) {
            ar.add("spf", helo, Map.of("smtp.helo", tx.client().helo()));
        }
    }
}
