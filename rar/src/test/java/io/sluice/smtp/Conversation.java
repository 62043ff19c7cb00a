package io.sluice.smtp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A raw-socket SMTP client for tests that read as conversations: send a line, expect a whole reply
 * line. Shared with the end-to-end tests through this module's test jar.
 */
public final class Conversation implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public Conversation(int port) throws IOException {
        this(port, null);
    }

    /** A connection from {@code localAddress} (another loopback address, say), or any when {@code null}. */
    public Conversation(int port, String localAddress) throws IOException {
        socket = new Socket();
        if (localAddress != null) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one line; CRLF is added. */
    public Conversation send(String line) throws IOException {
        return sendRaw(line + "\r\n");
    }

    /** Sends exactly these characters (ISO-8859-1), no line ending added. */
    public Conversation sendRaw(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public Conversation sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Whether the server has sent something not read yet. */
    public boolean hasInput() throws IOException {
        return in.available() > 0;
    }

    /** Reads one reply line and checks it whole. */
    public Conversation expect(String line) throws IOException {
        assertEquals(line, readLine());
        return this;
    }

    /**
     * Reads the final reply to a message and checks it names the queue id the listener saw for
     * message {@code index} (read first: the listener has run by the time the reply arrives).
     */
    Conversation expectQueued(RecordingListener listener, int index) throws IOException {
        String line = readLine();
        assertEquals("250 2.0.0 Ok: queued as " + listener.messages.get(index).transaction().queueId(), line);
        return this;
    }

    /** Sends a line and checks the one-line reply. */
    public Conversation exchange(String line, String reply) throws IOException {
        return send(line).expect(reply);
    }

    /** Reads a line ending in CRLF, without it; fails on a bare LF from the server. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                fail("connection closed by server; read so far: " + line.toString(StandardCharsets.UTF_8));
            }
            if (c == '\n') {
                if (previous != '\r') {
                    fail("server sent a bare LF");
                }
                byte[] b = line.toByteArray();
                return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
            }
            line.write(c);
            previous = c;
        }
    }

    /** Checks that the server closed the connection (after any expected replies were read). */
    public void expectClosed() throws IOException {
        try {
            int c = in.read();
            assertEquals(-1, c, "expected the server to close the connection");
        } catch (SocketTimeoutException e) {
            fail("server did not close the connection");
        } catch (IOException e) {
            // a reset also means closed
        }
    }

    /** Greeting, then EHLO with all its lines. */
    public Conversation greetAndEhlo(String host) throws IOException {
        expect("220 " + host + " ESMTP Sluice");
        return ehlo();
    }

    /** EHLO with all its lines (after STARTTLS there is no new greeting). */
    public Conversation ehlo() throws IOException {
        return ehlo("client.example");
    }

    /** EHLO with the given name and all its lines. */
    public Conversation ehlo(String name) throws IOException {
        send("EHLO " + name);
        String line;
        do {
            line = readLine();
        } while (line.startsWith("250-"));
        assertTrue(line.startsWith("250 "), line);
        return this;
    }

    /**
     * The client side of STARTTLS once the server said 220: the handshake over this connection,
     * then every exchange goes over TLS. Returns the negotiated session.
     */
    public SSLSession startTls(SSLContext context, String... protocols) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        ssl.setUseClientMode(true);
        if (protocols.length > 0) {
            ssl.setEnabledProtocols(protocols);
        }
        ssl.setSoTimeout(10_000);
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        return ssl.getSession();
    }

    /** After {@link #startTls}: asks for a new handshake (TLS 1.2 renegotiation; a key update in TLS 1.3). */
    public void renegotiate() throws IOException {
        ((SSLSocket) socket).startHandshake();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
