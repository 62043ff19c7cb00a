package io.sluice.smtp.io;

import javax.net.ssl.SSLContext;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The byte channel an SMTP session runs over. The engine sees only this, so it runs the same over a
 * socket accepted by the resource adapter, a socket in a unit test, or a TLS session on either.
 */
public interface Transport extends Closeable {

    InputStream input() throws IOException;

    /** The output; a write that blocks longer than the channel allows fails with {@link WriteTimeoutException}. */
    OutputStream output() throws IOException;

    /** How long one read may block before it fails with {@link java.net.SocketTimeoutException}. */
    void setReadTimeout(Duration timeout) throws IOException;

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Ends the input side: a read blocked in another thread sees end of stream; writing still works. */
    void shutdownInput();

    /**
     * Turns the channel into the server side of a TLS session and completes the handshake; from
     * then on {@link #input()} and {@link #output()} are the protected streams.
     *
     * @throws IOException the handshake failed (the channel is then unusable)
     */
    void startTls(SSLContext context) throws IOException;

    /** The TLS version and cipher suite once {@link #startTls} succeeded, else {@code null}. */
    TlsFacts tls();

    /**
     * Closes the channel at once from any thread, without a TLS goodbye: reads and writes blocked
     * in other threads fail. Idempotent.
     */
    void abort();

    /** Closes the channel; a read blocked in another thread fails at once. Idempotent. */
    @Override
    void close();
}
