package io.sluice.smtp.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.sluice.smtp.client.DotStuffingOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DATA content as it comes off the wire: the reader either ends at the end-of-data mark (or fails
 * with {@link EOFException} when the connection ends first), and content it accepts has CRLF line
 * ends only, no line longer than allowed, no more octets than allowed, and dot-stuffs back to
 * content that reads the same, byte for byte (what the relay sends is what the next server reads).
 *
 * <p>Input: one octet choosing the read buffer size (1 to 64, so marks fall across reads), one
 * choosing the line limit (3 to 258 octets with CRLF), then the octets after DATA.
 */
class DataReaderFuzzTest {

    private static final long MAX_SIZE = 4096;

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void dataContent(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        int bufferSize = 1 + (input[0] & 0x3f);
        int maxLine = 3 + (input[1] & 0xff);
        byte[] wire = Arrays.copyOfRange(input, 2, input.length);
        DataReader reader = new DataReader(MAX_SIZE, maxLine);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(wire), bufferSize);
        DataReader.Outcome outcome;
        try {
            outcome = reader.read(in, content, TransferDeadline.never());
        } catch (EOFException e) {
            return; // the connection ended before the end-of-data mark
        }
        if (outcome != DataReader.Outcome.COMPLETE) {
            return;
        }
        byte[] accepted = content.toByteArray();
        assertTrue(accepted.length <= MAX_SIZE, "size " + accepted.length);
        assertCrlfLines(accepted, maxLine - 2);
        assertTrue(accepted.length == 0 || accepted[accepted.length - 1] == '\n', "the last line is not ended");

        ByteArrayOutputStream stuffed = new ByteArrayOutputStream();
        DotStuffingOutputStream stuffer = new DotStuffingOutputStream(stuffed);
        stuffer.write(accepted);
        stuffer.finish();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        DataReader.Outcome second = new DataReader(MAX_SIZE, maxLine).read(
                new SmtpInput(new ByteArrayInputStream(stuffed.toByteArray()), bufferSize), again, TransferDeadline.never());
        assertEquals(DataReader.Outcome.COMPLETE, second);
        assertArrayEquals(accepted, again.toByteArray());
    }

    /** CR only before LF, LF only after CR, and at most {@code maxContent} octets between line ends. */
    static void assertCrlfLines(byte[] b, int maxContent) {
        int line = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r') {
                assertTrue(i + 1 < b.length && b[i + 1] == '\n', "bare CR at " + i);
            } else if (b[i] == '\n') {
                assertTrue(i > 0 && b[i - 1] == '\r', "bare LF at " + i);
                line = 0;
            } else {
                line++;
                assertTrue(line <= maxContent, "a line longer than " + maxContent + " at " + i);
            }
        }
    }
}
