package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.arc.ArcSealer;
import io.sluice.arc.ArrivalAuthentication;
import io.sluice.arc.BrokenSignatures;
import io.sluice.config.ArcSealing;
import io.sluice.config.SenderChecks;
import io.sluice.dkim.HeaderBlock;
import io.sluice.dkim.SigningKey;
import io.sluice.signing.SigningKeys;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Seals inbound mail with an ARC set (RFC 8617 §5.1) when {@code senderChecks.arcSeal} says so:
 * an ARC-Authentication-Results carrying the results the gateway's Authentication-Results field
 * has (SPF, DKIM, ARC and DMARC of arrival), an ARC-Message-Signature over the copy exactly as it
 * leaves and an ARC-Seal with the arrived chain's validation as {@code cv=} (none, pass, or fail
 * with a seal over its own set only), by the active DKIM key of {@code arcSealDomain}.
 *
 * <p>With CHANGED, only a message whose changes break a signature that passed on arrival is sealed
 * ({@link BrokenSignatures}): the mail server can verify an unchanged one itself, and a seal on
 * every message would cost a signature or two each (about 3 to 4 ms of CPU) for nothing. With ALL,
 * every inbound message that was checked is sealed, for a mail server that takes the gateway's
 * word for everything.
 *
 * <p>It runs last before delivery, after every change of the copy (edited header, rewritten body,
 * trace fields) and after {@link SignDkim}, so the set covers what is delivered; a DKIM signature
 * added before it is covered by the message signature as later hops expect. Mail from the
 * gateway's own users is not sealed: it was not checked, it is signed instead. A message that
 * cannot be sealed (no key, the chain ended with cv=fail or reached instance 50, an I/O error)
 * is delivered unsealed, never refused.
 */
final class SealArc implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(SealArc.class.getName());

    private final SigningKeys keys;
    private final Predicate<ClientInfo> outbound;
    private final ArcSealer sealer;

    /** @param outbound whether a client's mail is outbound (the policies' internal networks and AUTH) */
    SealArc(SigningKeys keys, Predicate<ClientInfo> outbound, Clock clock) {
        this.keys = keys;
        this.outbound = outbound;
        this.sealer = new ArcSealer(clock);
    }

    @Override
    public void apply(EndOfData m) {
        SenderChecks checks = m.settings.senderChecks();
        ArrivalAuthentication arrival = m.message.arrival();
        // no results of arrival: the checks are off, the mail is outbound, or the spool could not be read
        if (checks.arcSeal() == ArcSealing.OFF || arrival == null || outbound.test(m.tx.client())) {
            return;
        }
        SigningKey key = keys.of(checks.arcSealDomain());
        if (key == null) {
            LOG.warning(() -> m.tx.queueId() + ": not sealed with ARC: no active DKIM key of " + checks.arcSealDomain());
            return;
        }
        try {
            if (checks.arcSeal() == ArcSealing.CHANGED && !brokenSignature(m, arrival)) {
                return;
            }
            String set;
            try (InputStream in = m.outgoing.openStream()) {
                set = sealer.seal(in, key, m.authResults.authservId(), results(m), arrival.arc());
            }
            if (set == null) {
                LOG.info(() -> m.tx.queueId() + ": not sealed with ARC: the chain that arrived ended (cv=fail) or is at instance 50");
                return;
            }
            m.outgoing = m.outgoing.withFieldOnTop(set.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException | GeneralSecurityException e) {
            LOG.warning(() -> m.tx.queueId() + ": not sealed with ARC: " + e.getMessage());
        }
    }

    /** The results as the gateway's Authentication-Results field has them, one a line; "none" without any. */
    static String results(EndOfData m) {
        return m.authResults.isEmpty() ? "none" : String.join(";\r\n\t", m.authResults.results());
    }

    private static boolean brokenSignature(EndOfData m, ArrivalAuthentication arrival) throws IOException {
        HeaderBlock arrived;
        HeaderBlock delivered;
        try (InputStream in = new BufferedInputStream(m.message.content().openStream(), 8192)) {
            arrived = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        }
        try (InputStream in = new BufferedInputStream(m.outgoing.openStream(), 8192)) {
            delivered = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        }
        boolean bodyChanged = m.rewritten != null && m.rewritten.rewrite().changed();
        return BrokenSignatures.any(arrived.fields(), arrival.dkim(), arrival.arc(), delivered.fields(), bodyChanged);
    }
}
