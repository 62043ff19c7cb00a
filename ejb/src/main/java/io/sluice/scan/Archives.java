package io.sluice.scan;

import io.sluice.mime.LimitExceeded;
import io.sluice.scan.ArchiveFinding.Kind;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Opens one archive of a known {@link ArchiveFormat} and reports its entries to an
 * {@link ArchiveVisitor}: zip and 7z from a spool (their directories are at the end), tar and the
 * single-file compressors streaming. Whatever the reader throws on a crafted or broken archive
 * becomes a {@link Kind#DAMAGED} finding; only {@link LimitExceeded} passes.
 */
final class Archives {

    /** Memory a 7z or xz decoder may take (7-Zip's "ultra" level needs 64 MiB); more is unreadable. */
    static final int DECODER_MEMORY_KIB = 64 * 1024;

    private Archives() {
    }

    /**
     * @param archive   the archive's octets, read to their end here
     * @param consumed  how many of them have been read so far (for the ratio of streamed entries)
     * @param name      the archive's own file name, from which a compressed file's name follows
     * @param directory where a spool file goes, or {@code null}
     */
    static void read(ArchiveFormat format, InputStream archive, LongSupplier consumed, String name, Path directory,
                     ArchiveVisitor v) throws IOException {
        switch (format) {
            case ZIP, SEVEN_Z -> {
                try (ArchiveSpool spool = ArchiveSpool.of(archive, directory)) {
                    guarded(v, () -> {
                        if (format == ArchiveFormat.ZIP) {
                            ZipReader.read(spool, v);
                        } else {
                            sevenZ(spool, v);
                        }
                    });
                }
            }
            case TAR -> guarded(v, () -> tar(archive, consumed, v));
            case GZIP, BZIP2, XZ -> guarded(v, () -> compressed(format, archive, consumed, name, v));
        }
    }

    private interface Reading {
        void run() throws IOException;
    }

    private static void guarded(ArchiveVisitor v, Reading reading) {
        try {
            reading.run();
        } catch (LimitExceeded e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            v.finding(Kind.DAMAGED, "", why(e));
        }
    }

    private static void sevenZ(ArchiveSpool spool, ArchiveVisitor v) throws IOException {
        try (SeekableByteChannel ch = spool.channel()) {
            SevenZFile z;
            try {
                z = SevenZFile.builder().setSeekableByteChannel(ch).setMaxMemoryLimitKiB(DECODER_MEMORY_KIB).get();
            } catch (PasswordRequiredException e) {
                v.encrypted(""); // the headers are encrypted: not even the names can be read
                return;
            }
            sevenZEntries(z, v);
        }
    }

    private static void sevenZEntries(SevenZFile z, ArchiveVisitor v) throws IOException {
        try (z) {
            InputStream current = new InputStream() {
                @Override
                public int read() throws IOException {
                    return z.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return z.read(b, off, len);
                }
            };
            SevenZArchiveEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (encrypted(e)) {
                    v.encrypted(e.getName());
                    continue;
                }
                try {
                    v.entry(e.getName(), e.hasStream() ? current : InputStream.nullInputStream(),
                            () -> Math.max(1, z.getStatisticsForCurrentEntry().getCompressedCount()));
                } catch (LimitExceeded x) {
                    throw x;
                } catch (IOException | RuntimeException x) {
                    v.finding(Kind.UNREADABLE, e.getName(), why(x));
                }
            }
        }
    }

    private static boolean encrypted(SevenZArchiveEntry e) {
        if (e.getContentMethods() == null) {
            return false;
        }
        for (SevenZMethodConfiguration m : e.getContentMethods()) {
            if (m.getMethod() == SevenZMethod.AES256SHA256) {
                return true;
            }
        }
        return false;
    }

    /** Tar has no index: a broken header ends what can be read. Tar does not compress: its ratio is its stream's. */
    private static void tar(InputStream archive, LongSupplier consumed, ArchiveVisitor v) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (!e.isDirectory()) {
                long start = consumed.getAsLong();
                v.entry(e.getName(), tar, () -> Math.max(1, consumed.getAsLong() - start));
            }
        }
    }

    /** gzip (concatenated members too), bzip2 or xz: one file, named by the gzip header or the archive's name. */
    private static void compressed(ArchiveFormat format, InputStream archive, LongSupplier consumed, String name,
                                   ArchiveVisitor v) throws IOException {
        long start = consumed.getAsLong();
        InputStream in;
        String inner = null;
        switch (format) {
            case GZIP -> {
                GzipCompressorInputStream gz = GzipCompressorInputStream.builder().setInputStream(archive)
                        .setDecompressConcatenated(true).get();
                inner = gz.getMetaData().getFileName();
                in = gz;
            }
            case BZIP2 -> in = new BZip2CompressorInputStream(archive, true);
            default -> in = new XZCompressorInputStream(archive, true, DECODER_MEMORY_KIB);
        }
        v.entry(inner == null || inner.isBlank() ? uncompressedName(name) : inner, in,
                () -> Math.max(1, consumed.getAsLong() - start));
    }

    /** "logs.tar.gz" → "logs.tar", "logs.tgz" → "logs.tar", "notes.txt.bz2" → "notes.txt"; else "". */
    static String uncompressedName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".gz", ".bz2", ".xz", ".z"}) {
            if (lower.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        for (String suffix : new String[] {".tgz", ".tbz2", ".tbz", ".txz"}) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length()) + ".tar";
            }
        }
        return "";
    }

    /** The file name at the end of an entry's path ("docs/x.exe" and "docs\\x.exe" → "x.exe"). */
    static String baseName(String entryName) {
        return entryName.substring(Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\')) + 1);
    }

    /** What a reader's exception says, for a finding. */
    static String why(Exception e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m += ": " + cause.getMessage();
        }
        return m.replaceAll("[\\r\\n\\t]+", " ");
    }
}
