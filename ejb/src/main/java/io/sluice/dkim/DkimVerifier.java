package io.sluice.dkim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6) from a stream: the header section is
 * read into memory (bounded), the body is hashed once for all signatures as it streams past, then
 * each signature's key is fetched and its header hash checked. The results come in the order the
 * signatures stand in the header, top first; no signature gives an empty list ("none").
 */
public final class DkimVerifier {

    /** Signatures past this many are not examined: each costs a DNS query and a public-key operation. */
    public static final int MAX_SIGNATURES = 10;

    private final KeyLookup keys;
    private final Clock clock;

    public DkimVerifier(TxtRecords dns, Clock clock) {
        this.keys = new KeyLookup(dns);
        this.clock = clock;
    }

    /** Reads {@code message} (the whole message, header and body) to its end. */
    public List<DkimResult> verify(InputStream message) throws IOException {
        InputStream in = new BufferedInputStream(message, 64 * 1024);
        HeaderBlock header;
        try {
            header = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        } catch (HeaderBlock.TooLarge e) {
            return List.of(tooLarge(e));
        }
        BodyHashes bodies = new BodyHashes();
        Pending pending = begin(header, bodies);
        bodies.readBody(in);
        return pending.finish();
    }

    /** The one result for a message whose header section could not be read whole. */
    public static DkimResult tooLarge(HeaderBlock.TooLarge e) {
        return new DkimResult(DkimResult.Status.PERMERROR, null, null, null, null, null, e.getMessage());
    }

    /**
     * The first half of {@link #verify}, for a caller that reads the body once for more than DKIM
     * (ARC): reads the signatures and asks {@code bodies} for their body hashes. Once the body is
     * read into {@code bodies}, {@link Pending#finish} gives the results.
     */
    public Pending begin(HeaderBlock header, BodyHashes bodies) {
        List<Object> pending = new ArrayList<>(); // a DkimResult already known, or a Checked to finish
        for (HeaderField f : header.fields()) {
            if (!f.is(DkimSignature.FIELD)) {
                continue;
            }
            if (pending.size() == MAX_SIGNATURES) {
                pending.add(new DkimResult(DkimResult.Status.POLICY, null, null, null, null, null,
                        "more than " + MAX_SIGNATURES + " signatures: not examined"));
                break;
            }
            try {
                DkimSignature s = DkimSignature.parse(f);
                pending.add(new Checked(s, bodies.want(s.bodyCanon(), s.algorithm(), s.length())));
            } catch (DkimSignature.Invalid e) {
                pending.add(e.result());
            }
        }
        return () -> {
            List<DkimResult> results = new ArrayList<>(pending.size());
            for (Object p : pending) {
                results.add(p instanceof Checked c ? check(c, header.fields()) : (DkimResult) p);
            }
            return results;
        };
    }

    /** Signatures read, waiting for their body hashes. */
    @FunctionalInterface
    public interface Pending {
        /** The results, top signature first; only once the body has been read. */
        List<DkimResult> finish();
    }

    private record Checked(DkimSignature signature, BodyHashes.BodyHash body) {
    }

    private DkimResult check(Checked c, List<HeaderField> header) {
        DkimSignature s = c.signature();
        if (s.algorithm() == Algorithm.RSA_SHA1) {
            return s.result(DkimResult.Status.POLICY, "rsa-sha1 is not accepted (RFC 8301)");
        }
        if (s.expiry() >= 0 && s.expiry() < clock.instant().getEpochSecond()) {
            return s.result(DkimResult.Status.POLICY, "signature expired");
        }
        if (s.length() > c.body().canonicalLength()) {
            return s.result(DkimResult.Status.FAIL, "l=" + s.length() + " is longer than the body");
        }
        if (!MessageDigest.isEqual(s.bodyHash(), c.body().value())) {
            return s.result(DkimResult.Status.FAIL, "body hash did not verify");
        }
        KeyLookup.Outcome key = keys.find(s.selector(), s.domain(), s.algorithm());
        if (key.key() == null) {
            return s.result(key.status(), key.reason());
        }
        if (key.key().strict() && !s.identity().substring(s.identity().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT).equals(s.domain())) {
            return s.result(DkimResult.Status.PERMERROR, "key requires i= in d= itself (t=s)");
        }
        byte[] data = HeaderHash.data(header, s.signedHeaders(), s.headerCanon(), s.field());
        try {
            return s.algorithm().verify(key.key().key(), data, s.signature())
                    ? s.result(DkimResult.Status.PASS, key.key().testing() ? "good signature (key in testing mode)" : "good signature")
                    : s.result(DkimResult.Status.FAIL, "signature did not verify");
        } catch (GeneralSecurityException e) {
            return s.result(DkimResult.Status.PERMERROR, "key unusable: " + e.getMessage());
        }
    }
}
