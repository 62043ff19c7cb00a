package io.sluice.arc;

import io.sluice.dkim.Algorithm;
import io.sluice.dkim.BodyHashes;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.HeaderBlock;
import io.sluice.dkim.HeaderField;
import io.sluice.dkim.HeaderHash;
import io.sluice.dkim.KeyLookup;
import io.sluice.dkim.TagList;
import io.sluice.dkim.TxtRecords;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Validates a message's ARC chain (RFC 8617 §5.2): the structure, the {@code cv=} of every seal,
 * the newest ARC-Message-Signature (as a DKIM signature over the message as it is now) and every
 * ARC-Seal (over the ARC sets up to its own). Older message signatures are not checked: the
 * message may have been changed since, which is what ARC is for (§5.2 step 5).
 */
public final class ArcVerifier {

    private final KeyLookup keys;

    public ArcVerifier(TxtRecords dns) {
        this.keys = new KeyLookup(dns);
    }

    /** Reads {@code message} to its end. */
    public ArcResult verify(InputStream message) throws IOException {
        InputStream in = new BufferedInputStream(message, 64 * 1024);
        HeaderBlock header;
        try {
            header = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        } catch (HeaderBlock.TooLarge e) {
            return new ArcResult(ArcResult.Status.FAIL, 0, e.getMessage());
        }
        BodyHashes bodies = new BodyHashes();
        Pending p = begin(header, bodies);
        bodies.readBody(in);
        return p.finish();
    }

    /** The result once the body has been read into the {@link BodyHashes} given to {@link #begin}. */
    @FunctionalInterface
    public interface Pending {
        ArcResult finish();
    }

    /** Reads the chain and asks {@code bodies} for the newest message signature's body hash. */
    public Pending begin(HeaderBlock header, BodyHashes bodies) {
        List<ArcChain.Set> sets;
        try {
            sets = ArcChain.read(header.fields());
        } catch (ArcChain.Broken e) {
            ArcResult failed = new ArcResult(ArcResult.Status.FAIL, 0, e.getMessage());
            return () -> failed;
        }
        if (sets.isEmpty()) {
            return () -> ArcResult.NONE;
        }
        int n = sets.size();
        String structure = checkSeals(sets);
        if (structure != null) {
            ArcResult failed = new ArcResult(ArcResult.Status.FAIL, n, structure);
            return () -> failed;
        }
        Ams ams;
        try {
            ams = Ams.parse(sets.get(n - 1).signature());
        } catch (IllegalArgumentException e) {
            ArcResult failed = new ArcResult(ArcResult.Status.FAIL, n, "ARC-Message-Signature " + n + ": " + e.getMessage());
            return () -> failed;
        }
        BodyHashes.BodyHash body = bodies.want(ams.bodyCanon, ams.algorithm, -1);
        return () -> {
            String problem = verifyAms(ams, body, header.fields());
            if (problem == null) {
                for (int i = n; i >= 1 && problem == null; i--) {
                    problem = verifySeal(sets, i);
                }
            }
            return problem == null ? new ArcResult(ArcResult.Status.PASS, n, "chain of " + n + " verified", sealer(sets.get(n - 1)))
                    : new ArcResult(ArcResult.Status.FAIL, n, problem);
        };
    }

    /** The d= of a set's seal, in lower case (the seal verified, so it reads and has one). */
    private static String sealer(ArcChain.Set set) {
        return TagList.parse(set.seal().value()).get("d").toLowerCase(java.util.Locale.ROOT);
    }

    /** The cv= of each seal: none for the first, pass for the others (§5.2 steps 2, 3); null when so. */
    private static String checkSeals(List<ArcChain.Set> sets) {
        for (int i = sets.size(); i >= 1; i--) {
            String cv;
            try {
                cv = TagList.parse(sets.get(i - 1).seal().value()).get("cv");
            } catch (TagList.SyntaxException e) {
                return "ARC-Seal " + i + ": " + e.getMessage();
            }
            if ("fail".equals(cv)) {
                return "ARC-Seal " + i + " says the chain failed before it";
            }
            if (!(i == 1 ? "none" : "pass").equals(cv)) {
                return "ARC-Seal " + i + " has cv=" + cv + " where " + (i == 1 ? "none" : "pass") + " belongs";
            }
        }
        return null;
    }

    /** An ARC-Message-Signature: a DKIM signature with an instance in place of v= and i= (§4.1.2). */
    private record Ams(HeaderField field, Algorithm algorithm, Canonicalization headerCanon, Canonicalization bodyCanon,
                       String domain, String selector, List<String> signed, byte[] bodyHash, byte[] signature) {
        static Ams parse(HeaderField f) {
            TagList t = TagList.parse(f.value());
            for (String required : List.of("i", "a", "b", "bh", "d", "h", "s")) {
                if (!t.has(required)) {
                    throw new IllegalArgumentException("no " + required + "=");
                }
            }
            Algorithm a = Algorithm.of(t.get("a"));
            if (a == null || a == Algorithm.RSA_SHA1) {
                throw new IllegalArgumentException("algorithm " + t.get("a") + " is not accepted");
            }
            String[] c = (t.has("c") ? t.get("c") : "simple/simple").split("/", -1);
            Canonicalization hc = Canonicalization.of(c[0]);
            Canonicalization bc = c.length > 1 ? Canonicalization.of(c[1]) : Canonicalization.SIMPLE;
            List<String> signed = List.of(TagList.compact(t.get("h")).toLowerCase(java.util.Locale.ROOT).split(":"));
            if (signed.contains("arc-seal")) {
                throw new IllegalArgumentException("signs ARC-Seal (h=)");
            }
            return new Ams(f, a, hc, bc, t.get("d").toLowerCase(java.util.Locale.ROOT), t.get("s"), signed,
                    Base64.getDecoder().decode(TagList.compact(t.get("bh"))), Base64.getDecoder().decode(TagList.compact(t.get("b"))));
        }
    }

    private String verifyAms(Ams ams, BodyHashes.BodyHash body, List<HeaderField> header) {
        if (!MessageDigest.isEqual(ams.bodyHash(), body.value())) {
            return "ARC-Message-Signature: body hash did not verify";
        }
        byte[] data = HeaderHash.data(header, ams.signed(), ams.headerCanon(), ams.field());
        return check(ams.selector(), ams.domain(), ams.algorithm(), data, ams.signature(), "ARC-Message-Signature");
    }

    private String verifySeal(List<ArcChain.Set> sets, int i) {
        HeaderField seal = sets.get(i - 1).seal();
        TagList t;
        try {
            t = TagList.parse(seal.value());
        } catch (TagList.SyntaxException e) {
            return "ARC-Seal " + i + ": " + e.getMessage();
        }
        if (t.has("h")) {
            return "ARC-Seal " + i + " has h=, which a seal must not";
        }
        for (String required : List.of("a", "b", "d", "s")) {
            if (!t.has(required)) {
                return "ARC-Seal " + i + " has no " + required + "=";
            }
        }
        Algorithm a = Algorithm.of(t.get("a"));
        if (a == null || a == Algorithm.RSA_SHA1) {
            return "ARC-Seal " + i + ": algorithm " + t.get("a") + " is not accepted";
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(TagList.compact(t.get("b")));
        } catch (IllegalArgumentException e) {
            return "ARC-Seal " + i + ": b= is not base64";
        }
        return check(t.get("s"), t.get("d").toLowerCase(java.util.Locale.ROOT), a, sealData(sets, i, seal), signature, "ARC-Seal " + i);
    }

    /** What the seal of instance {@code i} signs: every set up to its own, in order, relaxed (§5.1.1). */
    static byte[] sealData(List<ArcChain.Set> sets, int i, HeaderField seal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        for (int j = 1; j <= i; j++) {
            ArcChain.Set s = sets.get(j - 1);
            out.writeBytes(Canonicalization.RELAXED.header(s.results().raw()).getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(Canonicalization.RELAXED.header(s.signature().raw()).getBytes(StandardCharsets.ISO_8859_1));
            if (j < i) {
                out.writeBytes(Canonicalization.RELAXED.header(s.seal().raw()).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String self = Canonicalization.RELAXED.header(HeaderHash.withoutB(seal));
        out.writeBytes(self.substring(0, self.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private String check(String selector, String domain, Algorithm a, byte[] data, byte[] signature, String what) {
        KeyLookup.Outcome key = keys.find(selector, domain, a);
        if (key.key() == null) {
            return what + ": " + key.reason();
        }
        try {
            return a.verify(key.key().key(), data, signature) ? null : what + ": signature did not verify";
        } catch (GeneralSecurityException e) {
            return what + ": key unusable: " + e.getMessage();
        }
    }
}
