package io.sluice.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail server behind the gateway in end-to-end tests: a small SMTP server written apart from
 * the gateway's engine (so a shared mistake cannot hide), that records every delivered message
 * byte for byte, every command line, and every TCP connection. It can refuse chosen recipients,
 * and it can be stopped and started again on the same port.
 */
final class TestDownstream implements AutoCloseable {

    /** One message as the downstream accepted it. */
    record Delivery(int connection, String sender, List<String> recipients, byte[] content, String queueId,
                    String client) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    /** user to password: the accounts AUTH PLAIN accepts (the mail server owns the accounts). */
    final Map<String, String> accounts = new ConcurrentHashMap<>();
    /** Extensions to list in EHLO besides the usual ones, e.g. "XCLIENT NAME ADDR PORT PROTO HELO LOGIN". */
    volatile List<String> extensions = List.of();
    /**
     * Relay rules like Postfix's {@code permit_mynetworks, reject_unauth_destination}: when set, a
     * recipient outside {@link #localDomains} is refused unless the client (as XCLIENT named it) is
     * one of these addresses.
     */
    volatile Set<String> relayClients;
    volatile Set<String> localDomains = Set.of("example.com");
    /**
     * Like Postfix with {@code smtpd_authorized_xclient_hosts} naming only the gateway: XCLIENT is
     * listed and accepted only while the session acts for the connecting host itself.
     */
    volatile boolean xclientOnlyForGateway;
    /** When set, the next MAIL gets this reply and the connection is closed (e.g. a 421). */
    volatile String closeOnNextMail;
    /** When set, the next message sent with DATA is taken (recorded) and the connection closed without an answer. */
    volatile boolean closeAfterNextData;
    /** When above 0, the answer to the next message sent with DATA comes this many milliseconds after it is taken. */
    volatile long delayNextDataReplyMillis;
    /** When set, STARTTLS is offered (until done) and the handshake made with this context. */
    volatile SSLContext tls;
    /** The connections on which STARTTLS was done. */
    final Set<Integer> encrypted = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queued = new AtomicInteger();
    private final int port;
    private volatile ServerSocket serverSocket;
    private volatile Thread acceptor;

    TestDownstream(int port) {
        this.port = port;
    }

    TestDownstream start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        serverSocket = s;
        acceptor = new Thread(() -> accept(s), "downstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /** Closes the port and every open connection, like a mail server going down. */
    void stop() throws IOException {
        ServerSocket s = serverSocket;
        if (s != null) {
            s.close();
        }
        for (Socket c : open) {
            c.close();
        }
        open.clear();
        // the port is only released once the thread blocked in accept() has left it
        Thread t = acceptor;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the open connections but keeps listening, like a server timing out idle clients. */
    void dropConnections() throws IOException {
        for (Socket c : open) {
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                int id = connections.incrementAndGet();
                open.add(c);
                Thread t = new Thread(() -> serve(c, id), "downstream-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private String authenticate(String line) {
        String[] f = line.split(" ");
        if (f.length != 3 || !f[1].equalsIgnoreCase("PLAIN")) {
            return "504 5.5.4 Error: only AUTH PLAIN with an initial response";
        }
        String[] c = new String(java.util.Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8).split("\0", -1);
        return c.length == 3 && c[2].equals(accounts.get(c[1])) ? "235 2.7.0 Authentication successful"
                : "535 5.7.8 Error: authentication failed: authentication failure";
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            reply(out, "220 downstream.test ESMTP test");
            String peer = socket.getInetAddress().getHostAddress();
            String client = peer; // the client the session acts for (XCLIENT ADDR)
            String sender = null;
            List<String> recipients = new ArrayList<>();
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            String line;
            while ((line = readLine(in)) != null) {
                commands.add(id + ": " + line);
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> {
                        boolean xclient = !xclientOnlyForGateway || client.equals(peer);
                        reply(out, "250-downstream.test\r\n250-PIPELINING\r\n250-SIZE 104857600\r\n"
                                + "250-8BITMIME\r\n250-AUTH PLAIN\r\n" + extensions.stream()
                                .filter(e -> xclient || !e.startsWith("XCLIENT")).map(e -> "250-" + e + "\r\n")
                                .collect(java.util.stream.Collectors.joining())
                                + (tls != null && !encrypted.contains(id) ? "250-STARTTLS\r\n" : "")
                                + "250 ENHANCEDSTATUSCODES");
                    }
                    case "STAR" -> {
                        SSLContext context = tls;
                        if (context == null || encrypted.contains(id)) {
                            reply(out, "502 5.5.2 Error: command not recognized");
                            continue;
                        }
                        reply(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null,
                                socket.getPort(), false);
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        in = new BufferedInputStream(ssl.getInputStream());
                        out = new BufferedOutputStream(ssl.getOutputStream());
                        encrypted.add(id);
                        sender = null; // RFC 3207 §4.2: the session starts over
                        recipients.clear();
                    }
                    case "AUTH" -> reply(out, authenticate(line));
                    case "BDAT" -> {
                        String[] f = line.split(" ");
                        byte[] chunk = in.readNBytes(Integer.parseInt(f[1]));
                        if (sender == null || recipients.isEmpty()) {
                            reply(out, "503 5.5.1 Error: need RCPT command");
                            continue;
                        }
                        chunks.writeBytes(chunk);
                        if (f.length > 2 && f[2].equalsIgnoreCase("LAST")) {
                            String queueId = "D" + queued.incrementAndGet();
                            deliveries.add(new Delivery(id, sender, List.copyOf(recipients), chunks.toByteArray(), queueId,
                                    client));
                            chunks.reset();
                            sender = null;
                            recipients.clear();
                            reply(out, "250 2.0.0 Ok: queued as " + queueId);
                        } else {
                            reply(out, "250 2.0.0 Ok: " + chunk.length + " octets");
                        }
                    }
                    case "XCLI" -> {
                        if (xclientOnlyForGateway && !client.equals(peer)) {
                            reply(out, "550 5.7.0 Error: insufficient authorization");
                            continue;
                        }
                        if (line.matches(".* HELO=[^ ]{256,}.*")) { // Postfix: no longer than a host name
                            reply(out, "501 5.5.4 Bad HELO syntax");
                            continue;
                        }
                        java.util.regex.Matcher addr = java.util.regex.Pattern.compile(" ADDR=(\\S+)").matcher(line);
                        client = addr.find() ? addr.group(1) : client;
                        reply(out, "220 downstream.test ESMTP test"); // as if the client had connected
                    }
                    case "XFOR" -> reply(out, "250 2.0.0 Ok");
                    case "MAIL" -> {
                        String closing = closeOnNextMail;
                        if (closing != null) {
                            closeOnNextMail = null;
                            reply(out, closing);
                            return;
                        }
                        sender = between(line, '<', '>');
                        recipients.clear();
                        reply(out, "250 2.1.0 Ok");
                    }
                    case "RCPT" -> {
                        String rcpt = between(line, '<', '>');
                        Set<String> relay = relayClients;
                        String domain = rcpt.substring(rcpt.lastIndexOf('@') + 1);
                        if (relay != null && !relay.contains(client) && !localDomains.contains(domain)) {
                            reply(out, "554 5.7.1 <" + rcpt + ">: Relay access denied");
                        } else if (unknownUsers.contains(rcpt)) {
                            reply(out, "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in local"
                                    + " recipient table");
                        } else {
                            recipients.add(rcpt);
                            reply(out, "250 2.1.5 Ok");
                        }
                    }
                    case "DATA" -> {
                        if (sender == null || recipients.isEmpty()) {
                            reply(out, "554 5.5.1 Error: no valid recipients");
                            continue;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] content = readData(in);
                        if (content == null) {
                            return; // connection dropped before the end of data: nothing delivered
                        }
                        String queueId = "D" + queued.incrementAndGet();
                        deliveries.add(new Delivery(id, sender, List.copyOf(recipients), content, queueId, client));
                        sender = null;
                        recipients.clear();
                        if (closeAfterNextData) {
                            closeAfterNextData = false;
                            return; // taken, but the gateway never hears so
                        }
                        long delay = delayNextDataReplyMillis;
                        if (delay > 0) {
                            delayNextDataReplyMillis = 0;
                            pause(delay);
                        }
                        reply(out, "250 2.0.0 Ok: queued as " + queueId);
                    }
                    case "RSET" -> {
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the gateway or stop() closed the connection
        } finally {
            open.remove(socket);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String between(String s, char open, char close) {
        int a = s.indexOf(open);
        int b = s.indexOf(close, a + 1);
        return a < 0 || b < 0 ? "" : s.substring(a + 1, b);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A line without its CRLF, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        byte[] line = readRawLine(in);
        return line == null ? null : new String(line, 0, line.length - 2, StandardCharsets.UTF_8);
    }

    /** A line with its CRLF (a bare LF is kept as it is, and then fails the CRLF check of the caller). */
    private static byte[] readRawLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                byte[] line = b.toByteArray();
                if (line.length < 2 || line[line.length - 2] != '\r') {
                    throw new IOException("bare LF from the gateway");
                }
                return line;
            }
        }
        return null;
    }

    /** Message content up to CRLF.CRLF, dot-unstuffed; null if the connection ended first. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] line;
        while ((line = readRawLine(in)) != null) {
            if (line.length == 3 && line[0] == '.') {
                return content.toByteArray();
            }
            int skip = line[0] == '.' ? 1 : 0;
            content.write(line, skip, line.length - skip);
        }
        return null;
    }
}
