package io.sluice.smtp.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Adds the transparency dot to every line that starts with "." (RFC 5321 §4.5.2) and, on
 * {@link #finish()}, the end-of-data mark. The content must use CRLF line endings.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {

    private static final byte[] END_AFTER_LINE = {'.', '\r', '\n'};
    private static final byte[] END_MID_LINE = {'\r', '\n', '.', '\r', '\n'};

    private boolean atLineStart = true;

    public DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (atLineStart && c == '.') {
                out.write(b, runStart, i - runStart);
                out.write('.');
                runStart = i; // the original dot follows the added one
            }
            atLineStart = c == '\n';
        }
        out.write(b, runStart, end - runStart);
    }

    /** Ends the content: a CRLF if the last line lacks one, then "." CRLF. Does not close. */
    public void finish() throws IOException {
        out.write(atLineStart ? END_AFTER_LINE : END_MID_LINE);
        out.flush();
    }

    @Override
    public void close() {
        // the connection outlives the message; the caller flushes through finish()
    }
}
