package io.sluice.smtp.server;

import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.smtp.HostReplies;
import io.sluice.smtp.QueueIdGenerator;
import io.sluice.smtp.Session;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.io.SocketTransport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listening side: binds the port, accepts connections and runs one {@link Session} per
 * connection through a {@link TaskRunner}, up to the connection limit. The accept loop and the
 * sessions may run on different runners (one long-lived thread for the loop, cheap virtual threads
 * for the sessions, say). {@link #close()} stops accepting and closes every open connection.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());
    private static final int BACKLOG = 1024;

    private final SmtpSettings settings;
    private final SmtpListener listener;
    private final TaskRunner acceptRunner;
    private final TaskRunner sessionRunner;
    private final HostReplies host;
    private final QueueIdGenerator queueIds;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ClientCounts clientCounts = new ClientCounts();
    private final ServerStatistics statistics = new ServerStatistics();
    private final CountDownLatch acceptLoopDone = new CountDownLatch(1);
    private ServerSocket serverSocket;
    private volatile boolean closed;

    /** A server whose accept loop and sessions all run on {@code runner}. */
    public SmtpServer(SmtpSettings settings, SmtpListener listener, TaskRunner runner) {
        this(settings, listener, runner, runner);
    }

    /**
     * @param acceptRunner  runs the accept loop (one task for the server's life)
     * @param sessionRunner runs each connection's session, from greeting to close
     */
    public SmtpServer(SmtpSettings settings, SmtpListener listener, TaskRunner acceptRunner,
                      TaskRunner sessionRunner) {
        this.settings = settings;
        this.queueIds = new QueueIdGenerator(settings.clock());
        this.listener = listener;
        this.acceptRunner = acceptRunner;
        this.sessionRunner = sessionRunner;
        this.host = new HostReplies(settings);
    }

    /**
     * Binds the listening socket now, so that a port in use fails the caller (the deployment) with a
     * message naming the address instead of failing later in the background.
     */
    public void bind() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(settings.bindAddress()),
                settings.port());
        ServerSocket socket = new ServerSocket();
        try {
            // lets a redeployment rebind at once although the last connections are in TIME_WAIT
            socket.setReuseAddress(true);
            socket.bind(address, BACKLOG);
        } catch (IOException e) {
            socket.close();
            BindException failure = new BindException("cannot listen for SMTP on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        serverSocket = socket;
    }

    /** Starts accepting; {@link #bind()} must have succeeded. */
    public void start() {
        if (serverSocket == null) {
            throw new IllegalStateException("not bound");
        }
        acceptRunner.start("smtp-accept-" + settings.port(), this::acceptLoop);
        LOG.info(() -> "SMTP listener on " + boundAddress() + " as " + settings.hostname());
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public SmtpSettings settings() {
        return settings;
    }

    public ServerStatistics statistics() {
        return statistics;
    }

    public int activeSessions() {
        return sessions.size();
    }

    private void acceptLoop() {
        try {
            acceptConnections();
        } finally {
            acceptLoopDone.countDown();
        }
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                LOG.log(Level.WARNING, "accept failed on " + boundAddress(), e);
                pause();
                continue;
            }
            handOff(socket);
        }
    }

    private void handOff(Socket socket) {
        try {
            socket.setTcpNoDelay(true); // replies are small and awaited one by one
            socket.setKeepAlive(true);
        } catch (SocketException e) {
            closeQuietly(socket);
            return;
        }
        if (sessions.size() >= settings.maxConnections()) {
            refuse(socket, host.tooManyConnections());
            return;
        }
        Session session = new Session(settings, host, listener, queueIds,
                new SocketTransport(socket, settings.commandTimeout()), clientCounts, sessions::size, statistics);
        sessions.add(session);
        // counted before the session can run: a short session could otherwise end before it counts
        statistics.connectionAccepted();
        try {
            sessionRunner.start("smtp-session", () -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                }
            });
        } catch (RejectedExecutionException e) {
            sessions.remove(session);
            LOG.warning(() -> "no thread for a new connection from " + session.clientAddress() + ": " + e.getMessage());
            statistics.acceptedButRefused();
            refuse(socket, host.tooManyConnections(), false);
        }
        if (closed) {
            session.shutdown(); // raced with close(): do not leave it open
        }
    }

    private void refuse(Socket socket, Reply reply) {
        refuse(socket, reply, true);
    }

    private void refuse(Socket socket, Reply reply, boolean count) {
        if (count) {
            statistics.connectionRefused();
        }
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write((reply.toWire() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the client is being turned away; it will retry
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * A real sleep, not the settings' {@link io.sluice.smtp.Pauser}: it only keeps a failing
     * accept (out of file descriptors, say) or the wait for sessions at shutdown from spinning,
     * and no reply or decision depends on how long it is.
     */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting and ends every session: each finishes the command it is in and tells its
     * client 421. Sessions still busy after {@code graceMillis} lose their connection.
     */
    public void close(long graceMillis) {
        closed = true;
        if (serverSocket != null) {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        for (Session session : sessions) {
            session.shutdown();
        }
        // the grace period is the operator's real time, whatever clock the sessions were given
        long deadline = System.currentTimeMillis() + graceMillis;
        try {
            // the port is only released once the thread blocked in accept() has left it
            acceptLoopDone.await(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (!sessions.isEmpty() && System.currentTimeMillis() < deadline) {
            pause();
        }
        if (!sessions.isEmpty()) {
            LOG.warning(() -> sessions.size() + " SMTP sessions still busy after " + graceMillis + " ms; closing them");
            for (Session session : sessions) {
                session.abort();
            }
        }
        LOG.info(() -> "SMTP listener on " + settings.bindAddress() + ":" + settings.port() + " closed");
    }

    @Override
    public void close() {
        close(5000);
    }
}
