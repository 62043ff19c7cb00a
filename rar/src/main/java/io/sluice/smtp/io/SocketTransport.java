package io.sluice.smtp.io;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/**
 * A {@link Transport} over a connected TCP socket, and over TLS on it after STARTTLS. Every write
 * and the TLS handshake must finish within the write timeout, or the connection is closed: a
 * client that sends commands and never reads the replies cannot hold a session for ever.
 */
public final class SocketTransport implements Transport {

    /** TLS 1.2 and 1.3 only: older versions have known weaknesses and no client needs them. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Socket tcp;
    /** Asked once: each {@code getLocalSocketAddress()} is a system call, and the session needs it often. */
    private final InetSocketAddress local;
    private final WriteWatchdog.Deadline writes;
    private volatile Socket socket;
    private volatile TlsFacts tls;

    /** @param writeTimeout how long one write (or the TLS handshake) may block */
    public SocketTransport(Socket socket, Duration writeTimeout) {
        this.tcp = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.socket = socket;
        this.writes = WriteWatchdog.SHARED.deadline(writeTimeout, this::abort);
    }

    @Override
    public void startTls(SSLContext context) throws IOException {
        Socket plain = socket;
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(PROTOCOLS);
        ssl.setEnabledCipherSuites(strongSuites(ssl.getSupportedCipherSuites()));
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setUseCipherSuitesOrder(true);
        ssl.setSSLParameters(parameters);
        socket = ssl;
        writes.run(() -> {
            ssl.startHandshake();
            return null;
        });
        tls = new TlsFacts(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
    }

    /**
     * Forward-secret AEAD suites only: TLS 1.3's own, and ECDHE with AES-GCM or ChaCha20-Poly1305
     * for TLS 1.2. No RSA key exchange, no CBC, no SHA-1 MACs.
     */
    static String[] strongSuites(String[] supported) {
        return Arrays.stream(supported).filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                || s.startsWith("TLS_ECDHE_") && (s.contains("_GCM_") || s.contains("_CHACHA20_"))).toArray(String[]::new);
    }

    @Override
    public TlsFacts tls() {
        return tls;
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return writes.guard(socket.getOutputStream());
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void shutdownInput() {
        try {
            socket.shutdownInput();
        } catch (IOException | RuntimeException ignored) {
            // already closed or reset: the reader stops either way
        }
    }

    @Override
    public void abort() {
        try {
            tcp.close(); // not the TLS socket: its close would wait for a blocked write to finish
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket twice or after a reset is not an error worth reporting
        }
    }
}
