package io.sluice.dkim;

/**
 * Body canonicalisation (RFC 6376 §3.4.3, §3.4.4) over a stream, so a body of any size is hashed
 * without being held: octets go in as they are read, canonical octets come out to a sink. Empty
 * lines are held back as a count until a line with content follows, since only the end of the
 * body tells whether they are trailing (and removed) or not.
 *
 * <ul>
 *   <li>simple: trailing empty lines removed; an empty body becomes one CRLF.</li>
 *   <li>relaxed: WSP at the end of each line removed, other runs of WSP become one SP, trailing
 *       empty lines removed; an empty body stays empty (RFC 6376 erratum 3192).</li>
 * </ul>
 * Either way a last line without CRLF gets one. A CR not followed by LF is an ordinary octet.
 */
public final class BodyCanonicalizer {

    /** Where canonical octets go. */
    public interface Sink {
        void write(byte[] b, int off, int len);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};

    private final boolean relaxed;
    private final Sink sink;
    private final byte[] out = new byte[8192];
    private int outLength;
    private long pendingLines;    // line ends not yet written
    private boolean pendingSpace; // relaxed: WSP seen on this line and not yet written
    private boolean pendingCr;    // a CR that may begin a CRLF
    private boolean lineOpen;     // content written on the current line
    private boolean anyContent;   // content written at all

    BodyCanonicalizer(boolean relaxed, Sink sink) {
        this.relaxed = relaxed;
        this.sink = sink;
    }

    public void update(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    endLine();
                    continue;
                }
                content('\r');
            }
            if (c == '\r') {
                pendingCr = true;
            } else if (relaxed && (c == ' ' || c == '\t')) {
                pendingSpace = true;
            } else {
                content(c);
            }
        }
    }

    /** The end of the body: the last line's end, if it has content; simple's CRLF for an empty body. */
    public void finish() {
        if (pendingCr) {
            pendingCr = false;
            content('\r');
        }
        if (lineOpen || (anyContent && pendingLines > 0)) {
            emit(CRLF, 2);
        } else if (!anyContent && !relaxed) {
            emit(CRLF, 2);
        }
        flush();
    }

    private void endLine() {
        pendingSpace = false; // relaxed: WSP at the end of a line goes
        pendingLines++;
        lineOpen = false;
    }

    private void content(int c) {
        while (pendingLines > 0) {
            emit(CRLF, 2);
            pendingLines--;
        }
        if (pendingSpace) {
            pendingSpace = false;
            emit(SP, 1); // WSP at the start of a line stays too (as one SP): only trailing WSP goes
        }
        if (outLength == out.length) {
            flush();
        }
        out[outLength++] = (byte) c;
        lineOpen = true;
        anyContent = true;
    }

    private void emit(byte[] b, int n) {
        if (outLength + n > out.length) {
            flush();
        }
        System.arraycopy(b, 0, out, outLength, n);
        outLength += n;
    }

    private void flush() {
        if (outLength > 0) {
            sink.write(out, 0, outLength);
            outLength = 0;
        }
    }
}
