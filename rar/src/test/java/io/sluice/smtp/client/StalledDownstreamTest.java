package io.sluice.smtp.client;

import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: writes to the mail server had no timeout, so one that stopped reading in the middle
 * of a message held the relay, and the client waiting for its reply, for ever. Now the relay fails
 * within the data timeout (the client is told 451 and tries again).
 */
class StalledDownstreamTest {

    /** Takes MAIL and RCPT, invites the content (DATA's 354, or BDAT), then reads nothing more. */
    private static final class StallingPeer implements AutoCloseable {
        private final ServerSocket serverSocket;
        private final CountDownLatch done = new CountDownLatch(1);

        StallingPeer(String extensions) throws IOException {
            serverSocket = new ServerSocket();
            serverSocket.setReceiveBufferSize(4096); // small buffers fill at once
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> serve(extensions), "stalling-peer");
            t.setDaemon(true);
            t.start();
        }

        private void serve(String extensions) {
            try (Socket s = serverSocket.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                send(out, "220 stalling ESMTP");
                for (String line = readLine(in); line != null; line = readLine(in)) {
                    String verb = line.split(" ")[0].toUpperCase();
                    switch (verb) {
                        case "EHLO" -> send(out, "250-stalling\r\n250 " + extensions);
                        case "MAIL", "RCPT" -> send(out, "250 2.0.0 Ok");
                        case "DATA" -> {
                            send(out, "354 go ahead");
                            stall();
                        }
                        case "BDAT" -> stall();
                        default -> send(out, "250 2.0.0 Ok");
                    }
                }
            } catch (IOException e) {
                // the client gave up
            }
        }

        /** Holds the connection open without reading, until the test ends. */
        private void stall() {
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        ClientSettings settings() {
            return new ClientSettings("127.0.0.1", serverSocket.getLocalPort(), "gw.test", Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofMillis(500));
        }

        private static void send(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    return b.toString(StandardCharsets.US_ASCII).stripTrailing();
                }
                b.write(c);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            done.countDown();
            serverSocket.close();
        }
    }

    /** 64 MiB of text lines, made as they are written: more than any socket buffers hold. */
    private static final MessageSource LARGE = new MessageSource() {
        private final byte[] line = ("x".repeat(78) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        @Override
        public long size() {
            return 64L * 1024 * 1024 / line.length * line.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (long n = size() / line.length; n > 0; n--) {
                out.write(line);
            }
        }
    };

    private static void relayFailsWithinTheDataTimeout(String extensions) throws Exception {
        try (StallingPeer peer = new StallingPeer(extensions); SmtpClient client = SmtpClient.connect(peer.settings())) {
            RelayEnvelope envelope = new RelayEnvelope("a@example.org", List.of("b@example.org"), Map.of());
            long start = System.nanoTime();
            RelayException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RelayException.class, () -> client.send(envelope, LARGE)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().endsWith("failed: timeout"), e.getMessage());
            assertTrue(ms >= 400 && ms < 5000, "failed after " + ms + " ms");
            assertFalse(client.isUsable());
        }
    }

    @Test
    void aMailServerThatStopsReadingDuringDataFailsTheRelay() throws Exception {
        relayFailsWithinTheDataTimeout("PIPELINING");
    }

    @Test
    void aMailServerThatStopsReadingDuringBdatFailsTheRelay() throws Exception {
        relayFailsWithinTheDataTimeout("CHUNKING");
    }
}
