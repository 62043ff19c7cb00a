package io.sluice.arc;

import io.sluice.dkim.BodyHashes;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.HeaderBlock;
import io.sluice.dkim.HeaderField;
import io.sluice.dkim.HeaderHash;
import io.sluice.dkim.SigningKey;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Adds an ARC set (RFC 8617 §5.1) to a message the gateway changed, so that later hops can trust
 * the authentication results it saw before the change broke the sender's DKIM signature: an
 * ARC-Authentication-Results with those results, an ARC-Message-Signature over the message as it
 * leaves, and an ARC-Seal over the chain with the chain's validation status as {@code cv=}.
 * Relaxed canonicalisation throughout. No set is added to a chain that already failed (its newest
 * seal says cv=fail) nor past instance 50; a chain that failed here gets a set whose seal covers
 * only itself (§5.1.2), with cv=fail.
 */
public final class ArcSealer {

    private final Clock clock;

    public ArcSealer(Clock clock) {
        this.clock = clock;
    }

    /**
     * The three fields to put on top of the message, seal first, each with its CRLF; null when no
     * set may be added.
     *
     * @param message    the message as it leaves (read to its end)
     * @param authservId the gateway's authserv-id (RFC 8601 §2.5)
     * @param results    the results it saw, as in Authentication-Results after the authserv-id:
     *                   {@code "dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org"}
     * @param chain      the validation of the chain as it arrived
     */
    public String seal(InputStream message, SigningKey key, String authservId, String results, ArcResult chain)
            throws IOException, GeneralSecurityException {
        InputStream in = new BufferedInputStream(message, 64 * 1024);
        HeaderBlock header = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        List<ArcChain.Set> sets;
        try {
            sets = ArcChain.read(header.fields());
        } catch (ArcChain.Broken e) {
            sets = null;
        }
        boolean failed = chain.status() == ArcResult.Status.FAIL || sets == null;
        if (sets != null && !sets.isEmpty() && failedBefore(sets.get(sets.size() - 1))) {
            return null;
        }
        // a chain whose structure is broken (a set missing or twice) still takes the next instance
        // after the highest one present, so the new set is never confused with an old one
        int instance = (sets != null ? sets.size() : highestInstance(header)) + 1;
        if (instance > ArcChain.MAX_INSTANCES) {
            return null;
        }
        BodyHashes bodies = new BodyHashes();
        BodyHashes.BodyHash body = bodies.want(Canonicalization.RELAXED, key.algorithm(), -1);
        bodies.readBody(in);
        long now = clock.instant().getEpochSecond();

        String aar = ArcChain.AAR + ": i=" + instance + "; " + authservId + ";\r\n\t" + results + "\r\n";
        List<String> names = new ArrayList<>(DkimSigner.namesToSign(header.fields()));
        String amsUnsigned = ArcChain.AMS + ": i=" + instance + "; a=" + key.algorithm().tag() + "; c=relaxed/relaxed;\r\n\td="
                + key.domain() + "; s=" + key.selector() + "; t=" + now + ";\r\n\th=" + String.join(":", names) + ";\r\n\tbh="
                + Base64.getEncoder().encodeToString(body.value()) + ";\r\n\tb=";
        HeaderField amsField = HeaderField.of(amsUnsigned);
        byte[] amsData = HeaderHash.data(header.fields(), names, Canonicalization.RELAXED, amsField);
        String ams = amsUnsigned + fold(key.algorithm().sign(key.privateKey(), amsData)) + "\r\n";

        String sealUnsigned = ArcChain.AS + ": i=" + instance + "; a=" + key.algorithm().tag() + "; t=" + now + "; cv="
                + (failed ? "fail" : instance == 1 ? "none" : "pass") + ";\r\n\td=" + key.domain() + "; s=" + key.selector()
                + ";\r\n\tb=";
        HeaderField sealField = HeaderField.of(sealUnsigned);
        List<ArcChain.Set> covered = new ArrayList<>();
        if (!failed) {
            covered.addAll(sets);
        }
        covered.add(new ArcChain.Set(HeaderField.of(aar.substring(0, aar.length() - 2)),
                HeaderField.of(ams.substring(0, ams.length() - 2)), sealField));
        byte[] sealData = ArcVerifier.sealData(covered, covered.size(), sealField);
        String seal = sealUnsigned + fold(key.algorithm().sign(key.privateKey(), sealData)) + "\r\n";
        return seal + ams + aar;
    }

    private static int highestInstance(HeaderBlock header) {
        int highest = 0;
        for (io.sluice.dkim.HeaderField f : header.fields()) {
            if (f.is(ArcChain.AAR) || f.is(ArcChain.AMS) || f.is(ArcChain.AS)) {
                int i = ArcChain.instance(f);
                highest = Math.max(highest, i < 0 ? ArcChain.MAX_INSTANCES : i); // unreadable: treat as the end
            }
        }
        return highest;
    }

    private static boolean failedBefore(ArcChain.Set newest) {
        try {
            return "fail".equals(io.sluice.dkim.TagList.parse(newest.seal().value()).get("cv"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String fold(byte[] signature) {
        String b64 = Base64.getEncoder().encodeToString(signature);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 70) {
            b.append(i == 0 ? "" : "\r\n\t").append(b64, i, Math.min(b64.length(), i + 70));
        }
        return b.toString();
    }
}
