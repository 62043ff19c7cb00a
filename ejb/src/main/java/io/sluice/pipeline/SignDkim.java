package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.FromDomain;
import io.sluice.signing.SigningKeys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Signs outbound mail with DKIM (RFC 6376) just before it is delivered, so the signature covers
 * the copy exactly as it leaves: the gateway's trace fields, the edited header and any rewritten
 * body. Outbound means the client authenticated or is in an internal network (never what the
 * sender address claims); the key is the active one of the author's (From) domain or of its
 * nearest parent domain. Relaxed/relaxed, which survives the re-folding and white-space changes
 * of later hops. Mail with no key, or that cannot be signed, goes unsigned, never refused.
 */
final class SignDkim implements EndOfDataStep {

    private static final Logger LOG = Logger.getLogger(SignDkim.class.getName());

    private final SigningKeys keys;
    private final Predicate<ClientInfo> outbound;
    private final DkimSigner signer;

    /** @param outbound whether a client's mail is outbound (the policies' internal networks and AUTH) */
    SignDkim(SigningKeys keys, Predicate<ClientInfo> outbound, Clock clock) {
        this.keys = keys;
        this.outbound = outbound;
        this.signer = new DkimSigner(clock);
    }

    @Override
    public void apply(EndOfData m) {
        if (!outbound.test(m.tx.client())) {
            return;
        }
        try (InputStream in = m.outgoing.openStream()) {
            String field = signer.sign(in, header -> {
                String domain = FromDomain.of(header);
                return domain == null ? null : keys.forDomain(domain);
            }, Canonicalization.RELAXED, Canonicalization.RELAXED);
            if (field != null) {
                m.outgoing = m.outgoing.withFieldOnTop(field.getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException | GeneralSecurityException e) {
            LOG.warning(() -> m.tx.queueId() + ": not signed with DKIM: " + e.getMessage());
        }
    }
}
