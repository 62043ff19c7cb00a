package io.sluice.smtp.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The byte channel an SMTP session runs over. The engine sees only this, so it runs the same over a
 * socket accepted by the resource adapter, a socket in a unit test, or (later) a TLS layer on top.
 */
public interface Transport extends Closeable {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** How long one read may block before it fails with {@link java.net.SocketTimeoutException}. */
    void setReadTimeout(Duration timeout) throws IOException;

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Ends the input side: a read blocked in another thread sees end of stream; writing still works. */
    void shutdownInput();

    /** Closes the channel; a read blocked in another thread fails at once. Idempotent. */
    @Override
    void close();
}
