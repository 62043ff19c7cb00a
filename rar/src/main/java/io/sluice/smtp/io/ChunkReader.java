package io.sluice.smtp.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives the chunks of one BDAT transfer (RFC 3030) into a sink: exactly the announced octets
 * each time, nothing unstuffed (BDAT has no end mark to hide). The content is held to the same
 * rules as DATA's, across chunk boundaries: CRLF line ends only (without BINARYMIME the message
 * is text, and a bare LF relayed downstream through DATA is what SMTP smuggling needs), lines
 * within the limit, the total within the size limit. Content that breaks a rule is still read to
 * the end, so the session stays in step with the client.
 */
public final class ChunkReader {

    private final long maxSize;
    private final int maxLineContent;
    private long size;
    private int lineLength;
    private boolean afterCr;
    private DataReader.Outcome outcome = DataReader.Outcome.COMPLETE;

    private final boolean binary;
    private final TransferDeadline deadline;

    /**
     * @param binary        BODY=BINARYMIME: any octets, no line rules; only the size counts
     * @param deadline      by when every chunk must have arrived: BDAT has DATA's total time
     *                      (RFC 5321 §4.5.3.2.6), counted from the first chunk, however steadily
     *                      the chunks trickle in
     */
    public ChunkReader(long maxSize, int maxLineLength, boolean binary, TransferDeadline deadline) {
        this.maxSize = maxSize;
        this.maxLineContent = maxLineLength - 2;
        this.binary = binary;
        this.deadline = deadline;
    }

    /**
     * Reads one chunk of {@code length} octets from {@code in}, writing what is acceptable to {@code sink}.
     *
     * @throws java.net.SocketTimeoutException the message's time is up
     */
    public void read(SmtpInput in, long length, OutputStream sink) throws IOException {
        long left = length;
        deadline.check("BDAT");
        while (left > 0) {
            if (!in.fill()) {
                throw new java.io.EOFException("connection closed during BDAT");
            }
            deadline.check("BDAT");
            int from = in.pos;
            int to = (int) Math.min(in.limit, from + left);
            for (int p = from; p < to && !binary; p++) {
                check(in.buf[p]);
            }
            size += to - from;
            if (size > maxSize) {
                outcome = worst(DataReader.Outcome.TOO_LARGE);
            }
            if (outcome == DataReader.Outcome.COMPLETE) {
                sink.write(in.buf, from, to - from);
            }
            left -= to - from;
            in.pos = to;
        }
    }

    private void check(byte c) {
        if (afterCr && c != '\n') {
            outcome = worst(DataReader.Outcome.BARE_LINE_ENDING);
        }
        if (c == '\n') {
            if (!afterCr) {
                outcome = worst(DataReader.Outcome.BARE_LINE_ENDING);
            }
            if (lineLength > maxLineContent) {
                outcome = worst(DataReader.Outcome.LINE_TOO_LONG);
            }
            lineLength = 0;
        } else if (c != '\r') {
            lineLength++;
        }
        afterCr = c == '\r';
    }

    /** After the LAST chunk: whether the whole content was acceptable, and if not, the first problem. */
    public DataReader.Outcome finish() {
        if (afterCr && !binary) {
            outcome = worst(DataReader.Outcome.BARE_LINE_ENDING);
        }
        if (lineLength > maxLineContent && !binary) { // a last line without CRLF counts too
            outcome = worst(DataReader.Outcome.LINE_TOO_LONG);
        }
        return outcome;
    }

    public long size() {
        return size;
    }

    private DataReader.Outcome worst(DataReader.Outcome found) {
        return outcome == DataReader.Outcome.COMPLETE ? found : outcome;
    }
}
