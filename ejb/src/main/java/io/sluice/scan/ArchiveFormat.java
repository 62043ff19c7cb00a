package io.sluice.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The archive and compression formats the analysis opens, recognised by their magic numbers (the
 * first octets), never by a name or a declared type: zip and every format built on it (docx, odt,
 * jar), 7z, tar (POSIX and GNU), and single-file gzip, bzip2 and xz. RAR is not among them: no
 * reader of it under an open-source licence is at hand, so a RAR file is scanned as one file.
 */
enum ArchiveFormat {
    ZIP, SEVEN_Z, TAR, GZIP, BZIP2, XZ;

    /** How many octets {@link #sniff} wants to see. */
    static final int HEAD = 512;

    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final byte[] ZIP_SPANNED = {'P', 'K', 7, 8, 'P', 'K', 3, 4};
    private static final byte[] SEVEN_Z_MAGIC = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    // gzip with the deflate method (RFC 1952 §2.3.1): three fixed octets, so random data rarely looks like it
    private static final byte[] GZIP_MAGIC = {0x1F, (byte) 0x8B, 8};
    private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59}; // after "BZh1".."BZh9"
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

    /** The format whose magic numbers {@code head} starts with, or {@code null}. */
    static ArchiveFormat sniff(byte[] head) {
        if (startsWith(head, 0, ZIP_LOCAL) || startsWith(head, 0, ZIP_SPANNED)
                || (head.length == 22 && startsWith(head, 0, ZIP_EMPTY))) {
            return ZIP;
        }
        if (startsWith(head, 0, SEVEN_Z_MAGIC)) {
            return SEVEN_Z;
        }
        if (startsWith(head, 0, GZIP_MAGIC)) {
            return GZIP;
        }
        if (head.length >= 10 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1'
                && head[3] <= '9' && startsWith(head, 4, BZIP2_BLOCK)) {
            return BZIP2;
        }
        if (startsWith(head, 0, XZ_MAGIC)) {
            return XZ;
        }
        if (startsWith(head, 257, USTAR)) { // POSIX "ustar\0" and GNU "ustar  "
            return TAR;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int at, byte[] magic) {
        return head.length >= at + magic.length && Arrays.equals(head, at, at + magic.length, magic, 0, magic.length);
    }
}
