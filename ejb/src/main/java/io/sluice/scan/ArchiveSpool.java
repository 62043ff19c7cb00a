package io.sluice.scan;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An archive's octets kept for random access, which a zip's central directory and 7z's headers at
 * the end need: in memory up to {@link #IN_MEMORY} octets (the SMTP spool's own threshold), in a
 * temp file beyond, so a large archive never sits in the heap. The file is deleted on close.
 */
final class ArchiveSpool implements Closeable {

    static final int IN_MEMORY = 256 * 1024;

    private final byte[] bytes;
    private final Path file;
    private final long size;

    private ArchiveSpool(byte[] bytes, Path file, long size) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
    }

    /**
     * Reads {@code in} to its end.
     *
     * @param directory where a temp file goes (the message's own spool directory), or {@code null}
     *                  for the system's
     */
    static ArchiveSpool of(InputStream in, Path directory) throws IOException {
        byte[] head = in.readNBytes(IN_MEMORY + 1);
        if (head.length <= IN_MEMORY) {
            return new ArchiveSpool(head, null, head.length);
        }
        Path f = directory == null ? Files.createTempFile("sluice-archive", ".tmp")
                : Files.createTempFile(directory, "sluice-archive", ".tmp");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(head);
            long rest = in.transferTo(out);
            return new ArchiveSpool(null, f, head.length + rest);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(f);
            throw e;
        }
    }

    long size() {
        return size;
    }

    /** A new channel over the octets, positioned at 0; the caller closes it. */
    SeekableByteChannel channel() throws IOException {
        return bytes != null ? new SeekableInMemoryByteChannel(bytes) : FileChannel.open(file, StandardOpenOption.READ);
    }

    /** A new stream from {@code offset} to the end; the caller closes it. */
    InputStream stream(long offset) throws IOException {
        SeekableByteChannel ch = channel();
        ch.position(offset);
        return Channels.newInputStream(ch);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
