package io.sluice.smtp.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads message content after DATA up to the end-of-data mark, removing the transparency dots
 * (RFC 5321 §4.5.2), and writes the content to a sink.
 *
 * <p>Only CRLF "." CRLF ends the content, and only CRLF ends a line: a bare CR or bare LF anywhere
 * marks the message as refused (so "LF . LF" and similar sequences cannot smuggle a second message
 * past a server that reads them differently), but reading still goes on to the real end so the
 * session stays in step with the client. Lines over the text line limit and content over the size
 * limit are likewise read to the end, refused, and not written.
 */
public final class DataReader {

    /** What was found in the content; anything but {@link #COMPLETE} means it must be refused. */
    public enum Outcome { COMPLETE, BARE_LINE_ENDING, LINE_TOO_LONG, TOO_LARGE }

    private static final int LINE_START = 0;
    private static final int TEXT = 1;
    private static final int CR = 2;
    private static final int DOT = 3;      // a dot at the start of a line, already dropped
    private static final int DOT_CR = 4;   // dot at line start, then CR: LF now ends the content

    private final long maxSize;
    private final int maxLineContent;

    /**
     * @param maxSize       largest content accepted, in octets
     * @param maxLineLength largest text line including its CRLF (RFC 5321 §4.5.3.1.6: 1000)
     */
    public DataReader(long maxSize, int maxLineLength) {
        this.maxSize = maxSize;
        this.maxLineContent = maxLineLength - 2;
    }

    /**
     * Reads up to and including the end-of-data line.
     *
     * @param deadline when the whole transfer has taken too long (RFC 5321 §4.5.3.2.6); each
     *                 single read is bounded by the transport's read timeout
     */
    public Outcome read(SmtpInput in, OutputStream sink, TransferDeadline deadline) throws IOException {
        int state = LINE_START;
        int lineLength = 0;
        long size = 0;
        Outcome outcome = Outcome.COMPLETE;
        while (true) {
            if (!in.fill()) {
                throw new EOFException("connection closed during DATA");
            }
            deadline.check("DATA");
            byte[] b = in.buf;
            int end = in.limit;
            int runStart = in.pos;
            for (int p = in.pos; p < end; p++) {
                byte c = b[p];
                switch (state) {
                    case LINE_START:
                        lineLength = 0;
                        if (c == '.') {
                            size = emit(sink, b, runStart, p, size, outcome);
                            outcome = checkSize(size, outcome);
                            runStart = p + 1;
                            state = DOT;
                            break;
                        }
                        state = text(c);
                        lineLength = c == '\r' ? 0 : 1;
                        if (c == '\n') {
                            outcome = firstProblem(outcome, Outcome.BARE_LINE_ENDING);
                        }
                        break;
                    case TEXT:
                        if (c == '\r') {
                            state = CR;
                        } else {
                            lineLength++;
                            if (c == '\n') {
                                outcome = firstProblem(outcome, Outcome.BARE_LINE_ENDING);
                            }
                        }
                        break;
                    case CR:
                        if (c == '\n') {
                            if (lineLength > maxLineContent) {
                                outcome = firstProblem(outcome, Outcome.LINE_TOO_LONG);
                            }
                            state = LINE_START;
                        } else {
                            outcome = firstProblem(outcome, Outcome.BARE_LINE_ENDING);
                            lineLength++;
                            state = text(c);
                        }
                        break;
                    case DOT:
                        if (c == '\r') {
                            // keep the CR out of the content: if LF follows, this is the end mark
                            size = emit(sink, b, runStart, p, size, outcome);
                            outcome = checkSize(size, outcome);
                            runStart = p + 1;
                            state = DOT_CR;
                        } else {
                            lineLength = 1;
                            state = text(c);
                            if (c == '\n') {
                                outcome = firstProblem(outcome, Outcome.BARE_LINE_ENDING);
                            }
                        }
                        break;
                    case DOT_CR:
                        if (c == '\n') {
                            in.pos = p + 1;
                            return outcome;
                        }
                        // ".\r" followed by something else: a bare CR; the content is refused
                        outcome = firstProblem(outcome, Outcome.BARE_LINE_ENDING);
                        lineLength = 2;
                        state = text(c);
                        break;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
            size = emit(sink, b, runStart, end, size, outcome);
            outcome = checkSize(size, outcome);
            in.pos = end;
        }
    }

    private static int text(byte c) {
        return c == '\r' ? CR : TEXT;
    }

    private static Outcome firstProblem(Outcome current, Outcome found) {
        return current == Outcome.COMPLETE ? found : current;
    }

    private Outcome checkSize(long size, Outcome outcome) {
        return size > maxSize ? firstProblem(outcome, Outcome.TOO_LARGE) : outcome;
    }

    /** Writes a run of content unless the message is already refused (then it is only counted). */
    private static long emit(OutputStream sink, byte[] b, int from, int to, long size, Outcome outcome)
            throws IOException {
        int n = to - from;
        if (n > 0 && outcome == Outcome.COMPLETE) {
            sink.write(b, from, n);
        }
        return size + n;
    }
}
