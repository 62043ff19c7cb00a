package io.sluice.smtp.io;

import io.sluice.api.Reply;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Replies to the client, buffered: the session flushes when the client is waiting for them (no
 * pipelined input left, or a command that ends a pipelined group), as RFC 2920 §3.2 allows.
 * Synchronized because shutdown may write a last 421 from another thread.
 */
public final class SmtpOutput {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private byte[] buf = new byte[1024];
    private int len;

    public SmtpOutput(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(Reply reply) {
        byte[] bytes = reply.toWire().getBytes(StandardCharsets.UTF_8);
        append(bytes);
        append(CRLF);
    }

    private void append(byte[] bytes) {
        if (len + bytes.length > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.length));
        }
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    public synchronized void flush() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        out.flush();
    }
}
