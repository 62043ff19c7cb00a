package io.sluice.smtp.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BDAT chunks: exactly the announced octets are consumed, whatever they are (the session stays in
 * step with the client); accepted text content is the chunks joined, byte for byte, with CRLF line
 * ends only and no line or total over the limits; binary content only has to fit the size limit.
 *
 * <p>Input: one octet with the binary flag (bit 7) and the read buffer size (1 to 64), one with
 * the number of chunks (1 to 8), then the content; whatever follows the chunks must stay unread.
 */
class ChunkReaderFuzzTest {

    private static final long MAX_SIZE = 4096;
    private static final int MAX_LINE = 80;
    private static final byte[] NEXT_COMMAND = "QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void chunks(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        boolean binary = (input[0] & 0x80) != 0;
        int bufferSize = 1 + (input[0] & 0x3f);
        int count = 1 + (input[1] & 0x07);
        byte[] content = Arrays.copyOfRange(input, 2, input.length);
        byte[] wire = Arrays.copyOf(content, content.length + NEXT_COMMAND.length);
        System.arraycopy(NEXT_COMMAND, 0, wire, content.length, NEXT_COMMAND.length);

        SmtpInput in = new SmtpInput(new ByteArrayInputStream(wire), bufferSize);
        ChunkReader reader = new ChunkReader(MAX_SIZE, MAX_LINE, binary, TransferDeadline.never());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 1; i <= count; i++) {
            int to = content.length * i / count;
            reader.read(in, to - from, sink);
            from = to;
        }
        DataReader.Outcome outcome = reader.finish();
        assertEquals(content.length, reader.size());
        assertEquals("QUIT", in.readCommandLine(512).text(), "the chunks took more or fewer octets than announced");
        if (outcome != DataReader.Outcome.COMPLETE) {
            return;
        }
        assertTrue(content.length <= MAX_SIZE);
        assertArrayEquals(content, sink.toByteArray());
        if (!binary) {
            DataReaderFuzzTest.assertCrlfLines(content, MAX_LINE - 2);
        }
    }
}
