package io.sluice.mime;

import jakarta.mail.internet.SharedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A part of a message's octets that Jakarta Mail parses without copying: every part it finds is a
 * new slice of the same spool (a file read with positional reads, or the in-memory bytes), and each
 * slice knows where it lies in the whole message and where the slices it was cut from begin. That
 * is what lets {@link MimeNode} tell where a part begins and ends, so the rewriter replaces exactly
 * one part's octets and copies everything else through unchanged.
 *
 * <p>Jakarta Mail keeps a slice for every part while the message is walked, so a slice holds no
 * more than it must: no reference to the slice it was cut from, and a read buffer only over a
 * file, made at the first read and no larger than the slice.
 */
final class SpoolSlice extends InputStream implements SharedInputStream {

    /** The octets the slices read. */
    interface Octets extends AutoCloseable {
        int read(long position, byte[] b, int off, int len) throws IOException;

        /** The octets themselves when they are in memory (then read without a buffer), else {@code null}. */
        default byte[] array() {
            return null;
        }

        long size();

        @Override
        void close() throws IOException;

        static Octets of(byte[] bytes) {
            return new Octets() {
                @Override
                public int read(long position, byte[] b, int off, int len) {
                    if (position >= bytes.length) {
                        return -1;
                    }
                    int n = (int) Math.min(len, bytes.length - position);
                    System.arraycopy(bytes, (int) position, b, off, n);
                    return n;
                }

                @Override
                public byte[] array() {
                    return bytes;
                }

                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void close() {
                }
            };
        }

        static Octets of(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            return new Octets() {
                @Override
                public int read(long position, byte[] b, int off, int len) throws IOException {
                    return position >= size ? -1 : channel.read(ByteBuffer.wrap(b, off, len), position);
                }

                @Override
                public long size() {
                    return size;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
    }

    private static final int BUFFER = 8192;

    private final Octets octets;
    private final byte[] array;   // the octets when in memory
    private final long start;
    private final long end;
    private final long parentStart;      // where the slice this one was cut from begins, -1 for the whole message
    private final long grandparentStart; // and where that one was cut from, -1 if it was not
    private long position;      // absolute
    private long mark;
    private byte[] buffer;      // over a file only, made at the first read
    private long bufferStart = -1; // absolute position of buffer[0]
    private int buffered;

    SpoolSlice(Octets octets, long start, long end) {
        this(octets, start, end, -1, -1);
    }

    private SpoolSlice(Octets octets, long start, long end, long parentStart, long grandparentStart) {
        this.octets = octets;
        this.array = octets.array();
        this.start = start;
        this.end = end;
        this.parentStart = parentStart;
        this.grandparentStart = grandparentStart;
        this.position = start;
        this.mark = start;
    }

    /** Where the slice starts in the whole message. */
    long start() {
        return start;
    }

    /** Where the slice ends (exclusive) in the whole message. */
    long end() {
        return end;
    }

    /** Where the slice this one was cut from starts, or -1 for the whole message. */
    long parentStart() {
        return parentStart;
    }

    /** Where the slice that one was cut from starts, or -1. */
    long grandparentStart() {
        return grandparentStart;
    }

    Octets octets() {
        return octets;
    }

    @Override
    public long getPosition() {
        return position - start;
    }

    @Override
    public InputStream newStream(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        return new SpoolSlice(octets, start + from, to == -1 ? end : start + to, start, parentStart);
    }

    @Override
    public int read() throws IOException {
        if (position >= end) {
            return -1;
        }
        if (array != null) {
            return position < array.length ? array[(int) position++] & 0xff : -1;
        }
        if (!fill()) {
            return -1;
        }
        return buffer[(int) (position++ - bufferStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        if (array != null) {
            int n = octets.read(position, b, off, (int) Math.min(len, end - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        int n = (int) Math.min(Math.min(len, bufferStart + buffered - position), end - position);
        System.arraycopy(buffer, (int) (position - bufferStart), b, off, n);
        position += n;
        return n;
    }

    /** Makes sure the byte at {@code position} is in the buffer. */
    private boolean fill() throws IOException {
        if (bufferStart >= 0 && position >= bufferStart && position < bufferStart + buffered) {
            return true;
        }
        if (buffer == null) {
            buffer = new byte[(int) Math.max(1, Math.min(BUFFER, end - start))];
        }
        int n = octets.read(position, buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        bufferStart = position;
        buffered = n;
        return true;
    }
    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }

    @Override
    public void close() {
        // the octets are closed by whoever opened them, once every slice is done
    }
}
