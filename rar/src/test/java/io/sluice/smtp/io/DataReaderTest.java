package io.sluice.smtp.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The DATA state machine on its own, fed in every chunk size from 1 octet up, so that no
 * buffer boundary (between CR and LF, dot and CR, ...) changes the result.
 */
class DataReaderTest {

    /** Input (with \r \n escapes written as [CR] [LF]), expected outcome, expected content. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ".[CR][LF]                                   | COMPLETE         | ''",
            "a[CR][LF].[CR][LF]                          | COMPLETE         | a[CR][LF]",
            "..[CR][LF].[CR][LF]                         | COMPLETE         | .[CR][LF]",
            "..x[CR][LF]..[CR][LF].[CR][LF]              | COMPLETE         | .x[CR][LF].[CR][LF]",
            "a[CR][LF].b[CR][LF].[CR][LF]                | COMPLETE         | a[CR][LF]b[CR][LF]",
            "a[CR][LF]. [CR][LF].[CR][LF]                | COMPLETE         | a[CR][LF] [CR][LF]",
            "a.[CR][LF].[CR][LF]                         | COMPLETE         | a.[CR][LF]",
            "[CR][LF][CR][LF].[CR][LF]                   | COMPLETE         | [CR][LF][CR][LF]",
            "a[LF].[LF].[CR][LF]x[CR][LF].[CR][LF]       | BARE_LINE_ENDING | ''",
            "a[CR][LF].[LF].[CR][LF].[CR][LF]            | BARE_LINE_ENDING | ''",
            "a[CR].[CR][LF].[CR][LF]                     | BARE_LINE_ENDING | ''",
            "a[CR][LF].[CR]x[CR][LF].[CR][LF]            | BARE_LINE_ENDING | ''",
            "[LF].[CR][LF].[CR][LF]                      | BARE_LINE_ENDING | ''",
            "a[CR][CR][LF].[CR][LF]                      | BARE_LINE_ENDING | ''",
    })
    void everyChunkSizeGivesTheSameResult(String input, DataReader.Outcome outcome, String content) throws IOException {
        byte[] in = unescape(input.trim());
        for (int chunk = 1; chunk <= in.length; chunk++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            SmtpInput smtpIn = new SmtpInput(new Chunked(in, chunk), 16);
            DataReader.Outcome result = new DataReader(1000, 1000).read(smtpIn, sink, TransferDeadline.never());
            assertEquals(outcome, result, "chunk size " + chunk);
            if (outcome == DataReader.Outcome.COMPLETE) {
                assertEquals(content.trim().replace("[CR]", "\r").replace("[LF]", "\n"),
                        sink.toString(StandardCharsets.ISO_8859_1), "chunk size " + chunk);
            }
            assertEquals(false, smtpIn.hasBufferedInput(), "everything up to the end mark is consumed");
        }
    }

    @Test
    void readingStopsRightAfterTheEndMark() throws IOException {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream("x\r\n.\r\nNOOP\r\n".getBytes()), 64);
        new DataReader(1000, 1000).read(in, new ByteArrayOutputStream(), TransferDeadline.never());
        assertEquals("NOOP", in.readCommandLine(512).text());
    }

    @Test
    void endOfStreamBeforeTheEndMarkIsAnError() {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream("x\r\n".getBytes()), 64);
        assertThrows(EOFException.class,
                () -> new DataReader(1000, 1000).read(in, new ByteArrayOutputStream(), TransferDeadline.never()));
    }

    private static byte[] unescape(String s) {
        return s.replace("[CR]", "\r").replace("[LF]", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns at most {@code chunk} octets per read. */
    private static final class Chunked extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;

        Chunked(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
