package io.sluice.smtp.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A one-connection SMTP peer whose replies come from a function of the command line, for
 * protocol situations a well-behaved server does not produce on demand (421, refusals with
 * pipelined DATA, no PIPELINING). Records every line it reads and whether the connection ended
 * with an end-of-data mark.
 */
final class ScriptedServer implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch finished = new CountDownLatch(1);
    volatile boolean sawEndOfData;
    volatile boolean closedByClient;
    /** Commands after which more input came before their reply went out, as Postfix checks after XCLIENT. */
    final List<String> pipelinedAfter = new CopyOnWriteArrayList<>();
    private final ServerSocket serverSocket;

    /**
     * @param ehloExtensions extension lines after the host line
     * @param replies        reply for a command (upper-case verb first), or {@code null} to close
     */
    ScriptedServer(List<String> ehloExtensions, Function<String, String> replies) throws IOException {
        this(() -> ehloExtensions, replies);
    }

    /** As above, with the EHLO extensions asked for anew at each EHLO (a server whose offer changes). */
    ScriptedServer(Supplier<List<String>> ehloExtensions, Function<String, String> replies) throws IOException {
        serverSocket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(ehloExtensions, replies), "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    ClientSettings settings() {
        return new ClientSettings("127.0.0.1", port(), "gw.test", java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2));
    }

    static Map<String, String> none() {
        return Map.of();
    }

    private void serve(Supplier<List<String>> extensions, Function<String, String> replies) {
        try (Socket s = serverSocket.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            send(out, "220 scripted ESMTP");
            boolean inData = false;
            String line;
            while ((line = readLine(in)) != null) {
                lines.add(line);
                if (inData) {
                    if (line.equals(".")) {
                        inData = false;
                        sawEndOfData = true;
                        send(out, replies.apply("."));
                    }
                    continue;
                }
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    List<String> ehlo = extensions.get();
                    StringBuilder sb = new StringBuilder(ehlo.isEmpty() ? "250 scripted" : "250-scripted");
                    for (int i = 0; i < ehlo.size(); i++) {
                        sb.append("\r\n250").append(i == ehlo.size() - 1 ? ' ' : '-').append(ehlo.get(i));
                    }
                    send(out, sb.toString());
                    continue;
                }
                if (upper.equals("QUIT")) {
                    send(out, "221 2.0.0 bye");
                    break;
                }
                if (upper.startsWith("XCLIENT")) {
                    pause(30); // what a client sends before the reply has time to arrive
                    if (in.available() > 0) {
                        pipelinedAfter.add(line);
                    }
                }
                String reply = replies.apply(line);
                if (reply == null) {
                    break;
                }
                send(out, reply);
                if (upper.equals("DATA") && reply.startsWith("354")) {
                    inData = true;
                }
            }
            closedByClient = line == null;
        } catch (IOException e) {
            closedByClient = true;
        } finally {
            finished.countDown();
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    boolean awaitFinished() throws InterruptedException {
        return finished.await(5, TimeUnit.SECONDS);
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
