package io.sluice.arc;

import io.sluice.dkim.BodyHashes;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimVerifier;
import io.sluice.dkim.FromDomain;
import io.sluice.dkim.HeaderBlock;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The checks of an arriving message that read its content: every DKIM signature and the ARC chain,
 * from one read of the message (the body hashed once for both), and the author's domain DMARC
 * needs. What the end-of-data step for sender authentication will call, with the spooled content.
 *
 * @param dkim       the DKIM results, top signature first
 * @param arc        the ARC chain's validation
 * @param fromDomain the author's domain, or null when the message has no single one
 */
public record ArrivalAuthentication(List<DkimResult> dkim, ArcResult arc, String fromDomain) {

    /** Reads {@code message} to its end. */
    public static ArrivalAuthentication check(InputStream message, DkimVerifier dkim, ArcVerifier arc) throws IOException {
        InputStream in = new BufferedInputStream(message, 64 * 1024);
        HeaderBlock header;
        try {
            header = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        } catch (HeaderBlock.TooLarge e) {
            return new ArrivalAuthentication(List.of(DkimVerifier.tooLarge(e)), new ArcResult(ArcResult.Status.FAIL, 0, e.getMessage()),
                    null);
        }
        BodyHashes bodies = new BodyHashes();
        DkimVerifier.Pending signatures = dkim.begin(header, bodies);
        ArcVerifier.Pending chain = arc.begin(header, bodies);
        bodies.readBody(in);
        return new ArrivalAuthentication(signatures.finish(), chain.finish(), FromDomain.of(header.fields()));
    }
}
