package io.sluice.smtp;

import io.sluice.smtp.io.Spool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content stays in memory below the threshold, goes to a file above it, and the file never outlives the transaction. */
class SpoolTest {

    @Test
    void smallContentStaysInMemory() throws IOException {
        Path dir = Files.createTempDirectory("spool");
        try (Spool spool = new Spool(1024, dir)) {
            spool.write("hello\r\n".getBytes(), 0, 7);
            spool.finish();
            assertFalse(spool.isOnDisk());
            try (InputStream in = spool.openStream()) {
                assertEquals("hello\r\n", new String(in.readAllBytes()));
            }
        }
        assertEquals(0, count(dir));
    }

    @Test
    void largeContentGoesToAFileThatIsDeletedOnClose() throws IOException {
        Path dir = Files.createTempDirectory("spool");
        byte[] chunk = new byte[700];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        Spool spool = new Spool(1024, dir);
        spool.write(chunk, 0, chunk.length);
        assertFalse(spool.isOnDisk());
        spool.write(chunk, 0, chunk.length);
        assertTrue(spool.isOnDisk());
        spool.finish();
        assertEquals(1, count(dir));
        try (InputStream in = spool.openStream()) {
            byte[] all = in.readAllBytes();
            assertEquals(1400, all.length);
            assertArrayEquals(chunk, java.util.Arrays.copyOfRange(all, 700, 1400));
        }
        assertEquals(1400, spool.size());
        spool.close();
        assertEquals(0, count(dir));
    }

    @Test
    void theListenerSeesSpooledContentAndTheFileIsGoneAfterTheTransaction() throws IOException {
        Path dir = Files.createTempDirectory("spool");
        try (TestServer server = new TestServer(b -> b.spoolThreshold(1024).spoolDirectory(dir));
             Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                content.append("line ").append(i).append(" of a message that will not fit in 1 KiB\r\n");
            }
            c.sendRaw(content + ".\r\n");
            c.expectQueued(server.listener, 0);
            RecordingListener.Received m = server.listener.messages.get(0);
            assertTrue(m.onDisk());
            assertEquals(content.toString(), m.text());
            assertEquals(0, count(dir));
        }
    }

    @Test
    void anAbandonedTransactionLeavesNoFile() throws Exception {
        Path dir = Files.createTempDirectory("spool");
        try (TestServer server = new TestServer(b -> b.spoolThreshold(1024).spoolDirectory(dir))) {
            try (Conversation c = server.ehlo()) {
                c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                        .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                        .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                        .sendRaw("x".repeat(998) + "\r\n" + "y".repeat(998) + "\r\n");
                LimitsTest.waitFor(() -> count(dir) == 1);
            } // client disappears mid-DATA
            LimitsTest.waitFor(() -> count(dir) == 0);
            assertTrue(server.listener.messages.isEmpty());
        }
    }

    static long count(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
