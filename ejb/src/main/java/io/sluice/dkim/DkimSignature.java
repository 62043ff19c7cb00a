package io.sluice.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM-Signature header field, read and checked as RFC 6376 §6.1.1 asks before any key is
 * fetched. {@link #parse} refuses a field with {@link Invalid}, whose result says what kind of
 * refusal it is.
 *
 * @param field           the header field as it arrived
 * @param tags            its tags
 * @param algorithm       {@code a=}
 * @param signature       {@code b=}, decoded
 * @param bodyHash        {@code bh=}, decoded
 * @param headerCanon     the first half of {@code c=} (default simple)
 * @param bodyCanon       the second half of {@code c=} (default simple)
 * @param domain          {@code d=}, in lower case
 * @param selector        {@code s=}
 * @param signedHeaders   {@code h=}, in lower case, in order
 * @param identity        {@code i=} (default "@" + d)
 * @param length          {@code l=}, or -1 for the whole body
 * @param timestamp       {@code t=}, or -1
 * @param expiry          {@code x=}, or -1
 */
public record DkimSignature(HeaderField field, TagList tags, Algorithm algorithm, byte[] signature, byte[] bodyHash,
                            Canonicalization headerCanon, Canonicalization bodyCanon, String domain, String selector,
                            List<String> signedHeaders, String identity, long length, long timestamp, long expiry) {

    /** The field cannot be verified; {@link #result} says how that is reported. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient DkimResult result;

        Invalid(DkimResult result) {
            super(result.reason());
            this.result = result;
        }

        public DkimResult result() {
            return result;
        }
    }

    public static final String FIELD = "DKIM-Signature";

    public static DkimSignature parse(HeaderField field) throws Invalid {
        TagList tags;
        try {
            tags = TagList.parse(field.value());
        } catch (TagList.SyntaxException e) {
            throw new Invalid(new DkimResult(DkimResult.Status.NEUTRAL, null, null, null, null, null,
                    "signature syntax: " + e.getMessage()));
        }
        String d = tags.get("d") == null ? null : tags.get("d").toLowerCase(Locale.ROOT);
        String s = tags.get("s");
        String a = tags.get("a");
        String b = tags.get("b") == null ? null : TagList.compact(tags.get("b"));
        DkimResult base = new DkimResult(DkimResult.Status.PERMERROR, d, s, tags.get("i"), a,
                b == null ? null : b.substring(0, Math.min(8, b.length())), null);
        if (!"1".equals(tags.get("v"))) {
            throw new Invalid(base.with(DkimResult.Status.NEUTRAL, "signature version is not 1"));
        }
        for (String required : List.of("a", "b", "bh", "d", "h", "s")) {
            if (!tags.has(required)) {
                throw new Invalid(base.with(DkimResult.Status.PERMERROR, "signature has no " + required + "="));
            }
        }
        Algorithm algorithm = Algorithm.of(a);
        if (algorithm == null) {
            throw new Invalid(base.with(DkimResult.Status.NEUTRAL, "unknown algorithm " + a));
        }
        Canonicalization header = Canonicalization.SIMPLE;
        Canonicalization body = Canonicalization.SIMPLE;
        if (tags.has("c")) {
            String[] c = tags.get("c").split("/", -1);
            try {
                if (c.length > 2) {
                    throw new IllegalArgumentException();
                }
                header = Canonicalization.of(c[0]);
                body = c.length == 2 ? Canonicalization.of(c[1]) : Canonicalization.SIMPLE;
            } catch (IllegalArgumentException e) {
                throw new Invalid(base.with(DkimResult.Status.NEUTRAL, "unknown canonicalization " + tags.get("c")));
            }
        }
        if (tags.has("q") && !Arrays.asList(TagList.compact(tags.get("q")).split(":")).contains("dns/txt")) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "no known query method in q="));
        }
        List<String> signed = names(tags.get("h"));
        if (signed.isEmpty() || !signed.contains("from")) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "From is not signed (h=)"));
        }
        if (d.isEmpty() || s.isEmpty()) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "empty d= or s="));
        }
        String identity = tags.has("i") ? tags.get("i") : "@" + d;
        int at = identity.lastIndexOf('@');
        String identityDomain = at < 0 ? "" : identity.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at < 0 || !(identityDomain.equals(d) || identityDomain.endsWith("." + d))) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "i= is not in the domain d=" + d));
        }
        byte[] signature;
        byte[] bodyHash;
        long length;
        long timestamp;
        long expiry;
        try {
            signature = Base64.getDecoder().decode(b);
            bodyHash = Base64.getDecoder().decode(TagList.compact(tags.get("bh")));
            length = number(tags, "l");
            timestamp = number(tags, "t");
            expiry = number(tags, "x");
        } catch (IllegalArgumentException e) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "malformed tag value: " + e.getMessage()));
        }
        if (expiry >= 0 && timestamp >= 0 && expiry < timestamp) {
            throw new Invalid(base.with(DkimResult.Status.PERMERROR, "x= is before t="));
        }
        return new DkimSignature(field, tags, algorithm, signature, bodyHash, header, body, d, s, signed, identity,
                length, timestamp, expiry);
    }

    /** The result of this signature, its status and reason to be filled in. */
    public DkimResult result(DkimResult.Status status, String reason) {
        String b = TagList.compact(tags.get("b"));
        return new DkimResult(status, domain, selector, identity, algorithm.tag(), b.substring(0, Math.min(8, b.length())), reason);
    }

    /** The DNS name of the key record. */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }

    /** The {@code h=} names in lower case, FWS around the colons removed. */
    static List<String> names(String h) {
        return Arrays.stream(TagList.compact(h).split(":", -1)).map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** A decimal tag, -1 when absent; over 18 digits is refused (RFC 6376 allows 76, a long holds 18). */
    private static long number(TagList tags, String name) {
        String v = tags.get(name);
        if (v == null) {
            return -1;
        }
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + "=" + v);
        }
        return Long.parseLong(v);
    }
}
