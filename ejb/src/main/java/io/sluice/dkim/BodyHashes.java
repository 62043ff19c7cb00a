package io.sluice.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every body hash the signatures of one message ask for, computed in one read of the body: each
 * distinct (canonicalisation, hash, length) gets one canonicaliser and digest, and each block
 * read goes to all of them. Memory stays a few buffers whatever the body's size.
 */
public final class BodyHashes {

    /** One body hash being computed. */
    public static final class BodyHash {
        private final BodyCanonicalizer canonicalizer;
        private final MessageDigest digest;
        private final long limit;
        private long length; // canonical octets seen
        private byte[] value;

        private BodyHash(Canonicalization c, Algorithm a, long limit) {
            this.digest = a.newDigest();
            this.limit = limit;
            this.canonicalizer = c.body(this::take);
        }

        private void take(byte[] b, int off, int len) {
            if (limit < 0) {
                digest.update(b, off, len);
            } else if (length < limit) {
                digest.update(b, off, (int) Math.min(len, limit - length));
            }
            length += len;
        }

        /** The hash, once the body is read. */
        public byte[] value() {
            return value;
        }

        /** The canonical body's whole length, which an {@code l=} must not exceed. */
        public long canonicalLength() {
            return length;
        }
    }

    private record Key(Canonicalization c, String digest, long limit) {
    }

    private final Map<Key, BodyHash> hashes = new LinkedHashMap<>();

    /** The hash for these parameters, shared with any signature that asked for the same. */
    public BodyHash want(Canonicalization c, Algorithm a, long limit) {
        return hashes.computeIfAbsent(new Key(c, a.hashName(), limit), k -> new BodyHash(c, a, limit));
    }

    /** Reads the body to its end, feeding every hash, and finishes them. */
    public void readBody(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        if (!hashes.isEmpty()) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                for (BodyHash h : hashes.values()) {
                    h.canonicalizer.update(buffer, 0, n);
                }
            }
        }
        for (BodyHash h : hashes.values()) {
            h.canonicalizer.finish();
            h.value = h.digest.digest();
        }
    }
}
