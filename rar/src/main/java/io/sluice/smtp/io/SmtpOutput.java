package io.sluice.smtp.io;

import io.sluice.api.Reply;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replies to the client, buffered: the session flushes when the client is waiting for them (no
 * pipelined input left, or a command that ends a pipelined group), as RFC 2920 §3.2 allows.
 * Locked because shutdown may write a last 421 from another thread; with a lock, not
 * {@code synchronized}, so that a session on a virtual thread blocked in a write does not pin its
 * carrier thread (before Java 24 it would: JEP 491).
 */
public final class SmtpOutput {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] buf = new byte[256]; // a greeting or a few replies; EHLO's grows it once
    private int len;

    public SmtpOutput(OutputStream out) {
        this.out = out;
    }

    public void write(Reply reply) {
        byte[] bytes = reply.toWire().getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            append(bytes);
            append(CRLF);
        } finally {
            lock.unlock();
        }
    }

    private void append(byte[] bytes) {
        if (len + bytes.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.length));
        }
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    public void flush() throws IOException {
        lock.lock();
        try {
            if (len > 0) {
                out.write(buf, 0, len);
                len = 0;
            }
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
