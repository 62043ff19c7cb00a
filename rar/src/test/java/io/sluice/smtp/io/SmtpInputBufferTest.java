package io.sluice.smtp.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The input buffer is small while commands are read (what an idle session holds) and large while
 * message content is, and changing size never loses a pipelined octet.
 */
class SmtpInputBufferTest {

    @Test
    void smallForCommandsLargeForContentAndNothingLostBetween() throws IOException {
        String wire = "DATA\r\nSubject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n";
        // one octet per read, so every fill meets an empty buffer and may change its size
        SmtpInput in = new SmtpInput(new OneAtATime(wire), 32, 4096);
        assertEquals(32, in.bufferSize());
        assertEquals("DATA", in.readCommandLine(512).text());
        assertEquals(32, in.bufferSize());

        ByteArrayOutputStream content = new ByteArrayOutputStream();
        DataReader.Outcome result = new DataReader(1 << 20, 1000).read(in, content, TransferDeadline.never());
        assertEquals(4096, in.bufferSize());
        assertEquals(DataReader.Outcome.COMPLETE, result);
        assertEquals("Subject: x\r\n\r\nbody\r\n", content.toString(StandardCharsets.ISO_8859_1));

        assertEquals("QUIT", in.readCommandLine(512).text());
        assertEquals(32, in.bufferSize());
    }

    @Test
    void aPipelinedCommandAfterTheContentIsReadFromTheLargeBuffer() throws IOException {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream("x\r\n.\r\nNOOP\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII)),
                32, 4096);
        new DataReader(1 << 20, 1000).read(in, new ByteArrayOutputStream(), TransferDeadline.never());
        assertEquals("NOOP", in.readCommandLine(512).text());
        assertEquals(4096, in.bufferSize()); // still holding QUIT: not swapped
        assertEquals("QUIT", in.readCommandLine(512).text());
    }

    private static final class OneAtATime extends InputStream {
        private final ByteArrayInputStream in;

        OneAtATime(String s) {
            in = new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1));
        }
    }
}
