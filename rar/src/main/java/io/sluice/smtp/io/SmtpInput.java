package io.sluice.smtp.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's byte stream with one buffer shared by command lines and message content, so that
 * pipelined commands (RFC 2920) and content sent right after DATA are never lost between readers,
 * and so the session can tell whether more input is already waiting before it flushes replies.
 *
 * <p>The buffer has one of two sizes: small while commands are read, large while message content
 * is. A session spends nearly all its life waiting for a command, and an idle connection should
 * hold as little memory as possible (ten thousand of them must fit in a small heap); content wants
 * large reads. The size changes only when the buffer is empty, so nothing is ever copied or lost.
 */
public final class SmtpInput {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    private final int commandBufferSize;
    private final int contentBufferSize;
    byte[] buf;
    int pos;
    int limit;

    /** One buffer of {@code bufferSize} octets for commands and content alike. */
    public SmtpInput(InputStream in, int bufferSize) {
        this(in, bufferSize, bufferSize);
    }

    /**
     * @param commandBufferSize the buffer's size while commands are read (and while waiting for one)
     * @param contentBufferSize the buffer's size while message content is read
     */
    public SmtpInput(InputStream in, int commandBufferSize, int contentBufferSize) {
        this.in = in;
        this.commandBufferSize = commandBufferSize;
        this.contentBufferSize = contentBufferSize;
        this.buf = new byte[commandBufferSize];
    }

    /** The buffer's size now (for tests of what an idle session holds). */
    int bufferSize() {
        return buf.length;
    }

    /** Whether input is buffered that has not been consumed yet (a pipelined command, say). */
    public boolean hasBufferedInput() {
        return pos < limit;
    }

    /**
     * Whether the peer has sent anything not consumed yet: in the buffer (read along with a PROXY
     * header, say) or still waiting in the socket.
     */
    public boolean hasInputWaiting() throws IOException {
        return pos < limit || in.available() > 0;
    }

    /** Discards everything buffered (e.g. commands pipelined before a TLS handshake). */
    public void discardBuffered() {
        pos = limit;
    }

    /**
     * Refills the buffer, at its content size, once it is consumed: for the readers of message
     * content. Returns false at end of stream. Blocks at most the transport's read timeout.
     */
    boolean fill() throws IOException {
        return fill(contentBufferSize);
    }

    /** {@link #fill()} at the command size: for command lines and headers. */
    private boolean fillForCommand() throws IOException {
        return fill(commandBufferSize);
    }

    private boolean fill(int size) throws IOException {
        if (pos < limit) {
            return true;
        }
        if (buf.length != size) {
            // empty: the old buffer holds nothing, and the one for this kind of read takes its place
            buf = new byte[size];
            pos = 0;
            limit = 0;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Reads exactly {@code n} octets (a binary header such as PROXY v2); throws at end of stream. */
    public byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            if (!fillForCommand()) {
                throw new java.io.EOFException("the connection ended after " + got + " of " + n + " octets");
            }
            int k = Math.min(n - got, limit - pos);
            System.arraycopy(buf, pos, b, got, k);
            pos += k;
            got += k;
        }
        return b;
    }

    /** Consumes {@code n} octets unread (a refused BDAT chunk), by {@code deadline} at the latest. */
    public void skipExactly(long n, TransferDeadline deadline) throws IOException {
        long left = n;
        while (left > 0) {
            deadline.check("BDAT");
            if (!fill()) {
                throw new java.io.EOFException("the connection ended before " + n + " octets");
            }
            int k = (int) Math.min(left, limit - pos);
            pos += k;
            left -= k;
        }
    }

    /** The next octet without consuming it, or -1 at end of stream. */
    public int peek() throws IOException {
        return fillForCommand() ? buf[pos] & 0xff : -1;
    }

    /**
     * Reads one command line. {@code maxLength} counts the CRLF, as RFC 5321 §4.5.3.1.4 does
     * (512 octets). Only CRLF ends a line; a bare CR or LF makes the line unusable.
     */
    public CommandLine readCommandLine(int maxLength) throws IOException {
        byte[] line = new byte[Math.min(maxLength, 128)];
        int len = 0;
        boolean tooLong = false;
        boolean bare = false;
        boolean lastWasCr = false;
        while (true) {
            if (!fillForCommand()) {
                return CommandLine.END_OF_STREAM;
            }
            while (pos < limit) {
                byte c = buf[pos++];
                if (c == LF) {
                    if (!lastWasCr) {
                        bare = true;
                    } else {
                        len--; // the CR that ended the line
                    }
                    if (bare) {
                        return CommandLine.BARE_LINE_ENDING;
                    }
                    if (tooLong) {
                        return CommandLine.TOO_LONG;
                    }
                    return new CommandLine(CommandLine.Status.OK, new String(line, 0, len, StandardCharsets.UTF_8));
                }
                if (lastWasCr) {
                    bare = true; // a CR not followed by LF
                }
                lastWasCr = c == CR;
                if (tooLong) {
                    continue;
                }
                if (len + 1 > maxLength - 1) { // leave room for the LF within maxLength
                    tooLong = true;
                    continue;
                }
                if (len == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(maxLength, line.length * 2));
                }
                line[len++] = c;
            }
        }
    }
}
