package io.sluice.smtp.io;

import io.sluice.api.MessageContent;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds one message's content: in memory up to a threshold, then in a temp file, so the heap never
 * holds a large message. {@link #close()} deletes the file; the session calls it when the
 * transaction ends, whatever the outcome.
 */
public final class Spool extends OutputStream implements MessageContent, Closeable {

    private static final int INITIAL_BUFFER = 8 * 1024;

    private final int threshold;
    private final Path directory;
    private byte[] memory = new byte[0];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean finished;
    private boolean closed;

    public Spool(int threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished || closed) {
            throw new IOException("spool is no longer writable");
        }
        if (fileOut == null && size + len > threshold) {
            spillToFile();
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            if (size + len > memory.length) {
                long wanted = Math.max(Math.max(INITIAL_BUFFER, memory.length * 2L), size + len);
                memory = Arrays.copyOf(memory, (int) Math.min(wanted, threshold));
            }
            System.arraycopy(b, off, memory, (int) size, len);
        }
        size += len;
    }

    private void spillToFile() throws IOException {
        Files.createDirectories(directory);
        file = Files.createTempFile(directory, "sluice-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        fileOut.write(memory, 0, (int) size);
        memory = null;
    }

    /** Ends writing; the content can be read from now on. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (fileOut != null) {
                fileOut.close();
            }
        }
    }

    /** Whether the content went to a file (it outgrew the memory threshold). */
    public boolean isOnDisk() {
        return file != null;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() throws IOException {
        if (!finished || closed) {
            throw new IOException("spool content is not readable now");
        }
        return file == null ? new ByteArrayInputStream(memory, 0, (int) size) : Files.newInputStream(file);
    }

    /** Releases the content: deletes the spool file, if any. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory = null;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // the file is deleted next; a failed flush of it does not matter
            }
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
