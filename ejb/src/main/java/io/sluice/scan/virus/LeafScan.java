package io.sluice.scan.virus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The embedded engine on one part or archive member, fed its octets as they stream past (so it
 * never holds more than one window of them): digests for hash signatures, and body signatures
 * matched in a window that keeps the last {@code maxSpan} octets of the previous one. Most parts
 * are a few kilobytes, so the window starts small and grows to its full size only for a part that
 * needs it: a full window per part was most of the gateway's allocation under load.
 */
public final class LeafScan {

    private static final int CHUNK = 64 * 1024;
    private static final int FIRST_WINDOW = 4 * 1024;

    /** Never updated; a scan clones them, which is cheaper than asking the providers again. */
    private static final MessageDigest MD5 = digest("MD5");
    private static final MessageDigest SHA1 = digest("SHA-1");
    private static final MessageDigest SHA256 = digest("SHA-256");

    private final Signatures signatures;
    private final MessageDigest md5;
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private final int fullWindow;
    private byte[] window;
    private int length;        // octets in window
    private int scannedTo;     // window positions below this were tried as match starts
    private long windowOffset; // stream offset of window[0]
    private long size;
    private String found;

    LeafScan(Signatures signatures) {
        this.signatures = signatures;
        this.md5 = signatures.md5.isEmpty() ? null : fresh(MD5);
        this.sha1 = signatures.sha1.isEmpty() ? null : fresh(SHA1);
        this.sha256 = signatures.sha256.isEmpty() ? null : fresh(SHA256);
        this.fullWindow = CHUNK + signatures.maxSpan;
        this.window = new byte[Math.min(FIRST_WINDOW + signatures.maxSpan, fullWindow)];
    }

    private static MessageDigest fresh(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return digest(prototype.getAlgorithm());
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public void update(byte[] b, int off, int len) {
        size += len;
        if (md5 != null) {
            md5.update(b, off, len);
        }
        if (sha1 != null) {
            sha1.update(b, off, len);
        }
        if (sha256 != null) {
            sha256.update(b, off, len);
        }
        while (len > 0 && found == null) {
            int n = Math.min(len, window.length - length);
            System.arraycopy(b, off, window, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == window.length && window.length < fullWindow) {
                window = java.util.Arrays.copyOf(window, Math.min(window.length * 2, fullWindow));
            } else if (length == window.length) {
                // every start up to here has maxSpan octets after it: a match cannot be cut off
                scanStarts(length - signatures.maxSpan);
                int keep = length - scannedTo;
                System.arraycopy(window, scannedTo, window, 0, keep);
                windowOffset += scannedTo;
                length = keep;
                scannedTo = 0;
            }
        }
    }

    /** Ends the leaf: the name of what was found, or {@code null}. */
    public String finish() {
        if (found == null) {
            scanStarts(length);
        }
        if (found == null) {
            found = lookup(md5, signatures.md5);
        }
        if (found == null) {
            found = lookup(sha1, signatures.sha1);
        }
        if (found == null) {
            found = lookup(sha256, signatures.sha256);
        }
        return found;
    }

    public long size() {
        return size;
    }

    private String lookup(MessageDigest d, java.util.Map<String, String> table) {
        if (d == null) {
            return null;
        }
        String hex = HexFormat.of().formatHex(d.digest());
        String name = table.get(hex + ":" + size);
        return name != null ? name : table.get(hex);
    }

    private void scanStarts(int upTo) {
        // without signatures that may start anywhere, most octets start none: one table look-up
        // skips them, instead of three candidate lists asked per octet
        boolean everyOctet = !signatures.anyStart.isEmpty();
        boolean[] mayStart = signatures.mayStart;
        // past the last offset a signature may start at, no octet can start one
        int end = signatures.lastStart == Long.MAX_VALUE ? upTo
                : (int) Math.min(upTo, Math.max(0, signatures.lastStart + 1 - windowOffset));
        for (int s = scannedTo; s < end && found == null; s++) {
            if (!everyOctet && !mayStart[window[s] & 0xFF]) {
                continue;
            }
            if (s + 1 < length) {
                check(signatures.byTwo[((window[s] & 0xFF) << 8) | (window[s + 1] & 0xFF)], s);
            }
            check(signatures.byOne[window[s] & 0xFF], s);
            check(signatures.anyStart, s);
        }
        scannedTo = Math.max(scannedTo, upTo);
    }

    private void check(java.util.List<BodySignature> candidates, int s) {
        if (candidates == null || found != null) {
            return;
        }
        long at = windowOffset + s;
        for (BodySignature sig : candidates) {
            if (sig.offset >= 0 && (at < sig.offset || at > sig.offset + sig.shift)) {
                continue;
            }
            if (sig.matchesAt(window, s, length)) {
                found = sig.name;
                return;
            }
        }
    }
}
