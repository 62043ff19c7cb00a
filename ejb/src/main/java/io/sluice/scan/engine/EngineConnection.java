package io.sluice.scan.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to a local engine, over TCP ({@code host:port}) or a unix socket
 * ({@code unix:/path}), with one deadline for the whole exchange: a stuck engine costs at most
 * the timeout, never a thread.
 */
final class EngineConnection implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-engine-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final AutoCloseable channel;
    private final InputStream in;
    private final OutputStream out;
    private final ScheduledFuture<?> deadline;
    private volatile boolean expired;

    private EngineConnection(AutoCloseable channel, InputStream in, OutputStream out, Duration timeout) {
        this.channel = channel;
        this.in = new BufferedInputStream(in, 8192);
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.deadline = WATCHDOG.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code address}: "host:port", "unix:/path" (or a URL "http://host:port", whose host and port are used). */
    static EngineConnection open(String address, Duration timeout) throws EngineException {
        String a = address.trim();
        try {
            if (a.startsWith("unix:")) {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(a.substring(5)));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                return new EngineConnection(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch), timeout);
            }
            if (a.startsWith("http://")) {
                a = a.substring(7).replaceAll("/.*$", "");
            }
            int colon = a.lastIndexOf(':');
            if (colon <= 0) {
                throw new EngineException("not an engine address (host:port or unix:/path): " + address);
            }
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))),
                        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                s.setTcpNoDelay(true);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return new EngineConnection(s, s.getInputStream(), s.getOutputStream(), timeout);
        } catch (NumberFormatException e) {
            throw new EngineException("not an engine address (host:port or unix:/path): " + address, e);
        } catch (IOException e) {
            throw e instanceof EngineException ee ? ee : new EngineException(address + ": " + e.getMessage(), e);
        }
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Whether the deadline closed the connection (so a failure was a timeout). */
    boolean expired() {
        return expired;
    }

    private void expire() {
        expired = true;
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (Exception ignored) {
            // closing after a failure or a timeout
        }
    }

    @Override
    public void close() {
        deadline.cancel(false);
        closeChannel();
    }
}
