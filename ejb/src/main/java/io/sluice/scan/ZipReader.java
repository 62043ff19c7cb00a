package io.sluice.scan;

import io.sluice.mime.LimitExceeded;
import io.sluice.scan.ArchiveFinding.Kind;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.io.input.CloseShieldInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.function.LongSupplier;

/**
 * Reads a zip by its central directory (Commons Compress {@code ZipFile} on the spooled archive),
 * entry by entry, so that an encrypted, unsupported or broken entry is reported and the next one is
 * read all the same. {@link ZipLayout} compares the local headers first; entries that only a local
 * header announces are read from there. A zip with no usable central directory is read from its
 * local headers as far as they go, and reported as damaged.
 */
final class ZipReader {

    /** Zstandard needs a native library (zstd-jni) that is not there: such entries are unreadable. */
    private static final InputStream NO_ZSTD = new InputStream() {
        @Override
        public int read() throws IOException {
            throw new IOException("Zstandard is not supported");
        }
    };

    private ZipReader() {
    }

    static void read(ArchiveSpool spool, ArchiveVisitor v) throws IOException {
        ZipLayout layout;
        try (SeekableByteChannel ch = spool.channel()) {
            layout = ZipLayout.read(ch, v.room());
        } catch (IOException e) {
            v.finding(Kind.DAMAGED, "", e.getMessage());
            fromLocalHeaders(spool, 0, Integer.MAX_VALUE, v);
            return;
        }
        if (layout.tooMany()) {
            // what comes before the limit is still scanned (a virus there is still found), without
            // building an object for each of the directory's entries
            fromLocalHeaders(spool, 0, Integer.MAX_VALUE, v);
            v.tooMany();
        }
        for (ZipLayout.Mismatch m : layout.mismatches()) {
            v.finding(Kind.MISMATCH, m.name(), m.detail());
        }
        try (SeekableByteChannel ch = spool.channel(); ZipFile zip = open(ch, v)) {
            if (zip == null) {
                // one bad directory record and the library reads none: the local headers still can be
                fromLocalHeaders(spool, 0, Integer.MAX_VALUE, v);
                return;
            }
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                if (!e.isDirectory()) {
                    entry(e, zip.canReadEntryData(e), v, () -> zip.getInputStream(e),
                            () -> Math.max(1, e.getCompressedSize()));
                }
            }
        }
        for (long offset : layout.hidden()) {
            fromLocalHeaders(spool, offset, 1, v);
        }
    }

    /** The zip by its central directory, or {@code null} (and a finding) if the library cannot read it. */
    private static ZipFile open(SeekableByteChannel ch, ArchiveVisitor v) {
        try {
            return ZipFile.builder().setSeekableByteChannel(ch).setIgnoreLocalFileHeader(true).get();
        } catch (IOException | RuntimeException e) {
            v.finding(Kind.DAMAGED, "", Archives.why(e));
            return null;
        }
    }

    /** Up to {@code max} entries read from the local headers from {@code offset} on, as a streaming reader sees them. */
    private static void fromLocalHeaders(ArchiveSpool spool, long offset, int max, ArchiveVisitor v) {
        try (InputStream in = spool.stream(offset);
             ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true) {
                 @Override
                 protected InputStream createZstdInputStream(InputStream raw) {
                     return NO_ZSTD; // the library would load zstd-jni, which is not there, as the header is read
                 }
             }) {
            ZipArchiveEntry e;
            for (int n = 0; n < max && (e = zip.getNextEntry()) != null; n++) {
                if (!e.isDirectory()) {
                    entry(e, zip.canReadEntryData(e), v, () -> CloseShieldInputStream.wrap(zip),
                            () -> Math.max(1, zip.getCompressedCount()));
                }
            }
        } catch (LimitExceeded e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            v.finding(Kind.DAMAGED, "", "reading the local headers at offset " + offset + ": " + Archives.why(e));
        }
    }

    /** Opens an entry's content. */
    private interface Content {
        InputStream open() throws IOException;
    }

    private static void entry(ZipArchiveEntry e, boolean readable, ArchiveVisitor v, Content content,
                              LongSupplier compressed) {
        if (e.getGeneralPurposeBit().usesEncryption() || e.getGeneralPurposeBit().usesStrongEncryption()) {
            v.encrypted(e.getName());
            return;
        }
        ZipMethod method = ZipMethod.getMethodByCode(e.getMethod());
        if (!readable || method == ZipMethod.ZSTD || method == ZipMethod.ZSTD_DEPRECATED) {
            v.finding(Kind.UNREADABLE, e.getName(), "compressed with " + (method == null ? "method " + e.getMethod()
                    : method.name()) + ", which is not supported");
            return;
        }
        try (InputStream in = content.open()) {
            v.entry(e.getName(), in, compressed);
        } catch (LimitExceeded x) {
            throw x;
        } catch (IOException | RuntimeException x) {
            v.finding(Kind.UNREADABLE, e.getName(), Archives.why(x));
        }
    }
}
