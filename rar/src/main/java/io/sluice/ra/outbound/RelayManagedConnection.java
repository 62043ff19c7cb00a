package io.sluice.ra.outbound;

import io.sluice.api.ClientOrigin;
import io.sluice.api.RelayException;
import io.sluice.smtp.client.SmtpClient;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * One physical connection of the relay pool: a persistent SMTP session with the downstream. Its
 * handles tell the container through {@link ConnectionEvent}s when they are closed (the session
 * goes back to the pool) or when the session broke (the pool destroys it).
 */
public class RelayManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(RelayManagedConnection.class.getName());

    private final RelayManagedConnectionFactory factory;
    private volatile SmtpClient client;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<RelayConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;
    private volatile boolean destroyed;

    RelayManagedConnection(RelayManagedConnectionFactory factory, SmtpClient client) {
        this.factory = factory;
        this.client = client;
    }

    RelayManagedConnectionFactory factory() {
        return factory;
    }

    SmtpClient client() {
        return client;
    }

    /**
     * The session, made fit to act for {@code origin} ({@code null}: the gateway's own mail). A
     * session that cannot be (it acted for another client and the mail server no longer offers
     * XCLIENT, or it refused the last identity, or it acted for a client and now the gateway writes)
     * is closed and this connection opens a fresh one in its place, so the pool's accounting stays as
     * it is and no identity is ever carried from one transaction into another.
     */
    SmtpClient clientFor(ClientOrigin origin) throws RelayException {
        SmtpClient current = client;
        if (current.canActFor(origin)) {
            return current;
        }
        current.close();
        try {
            SmtpClient fresh = SmtpClient.connect(factory.clientSettings());
            factory.status().destroyed(); // the old session, counted here so destroy() counts only the last one
            factory.status().created();
            LOG.fine(() -> "replaced " + current + " by " + fresh + " to act for "
                    + (origin == null ? "the gateway" : origin.address()));
            client = fresh;
            return fresh;
        } catch (IOException e) {
            factory.status().connectFailed();
            throw new RelayException("cannot open a fresh SMTP session with the downstream: " + e.getMessage(), false, e);
        }
    }

    boolean isUsable() {
        return !destroyed && client.isUsable();
    }

    /** NOOP round trip; false when the session is gone. */
    boolean validate() {
        if (!isUsable()) {
            return false;
        }
        try {
            return client.noop().isPositive() && client.isUsable();
        } catch (RelayException e) {
            LOG.fine(() -> "idle downstream session failed validation: " + e.getMessage());
            return false;
        }
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        RelayConnectionHandle handle = new RelayConnectionHandle(this);
        handles.add(handle);
        factory.status().lent();
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof RelayConnectionHandle handle)) {
            throw new ResourceException("not a relay connection handle: " + connection);
        }
        RelayManagedConnection previous = handle.reassign(this);
        if (previous != null) {
            previous.handles.remove(handle);
        }
        handles.add(handle);
    }

    /** The handle was closed by the caller: the session goes back to the pool. */
    void handleClosed(RelayConnectionHandle handle) {
        if (handles.remove(handle)) {
            factory.status().returned();
        }
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    /** The session broke (I/O error, timeout, 421): the pool must destroy it rather than reuse it. */
    void handleFailed(RelayConnectionHandle handle, Exception cause) {
        if (handles.remove(handle)) {
            factory.status().returned();
        }
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(event);
        }
    }

    @Override
    public void cleanup() {
        for (RelayConnectionHandle h : handles) {
            h.invalidate();
            factory.status().returned();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        if (!destroyed) {
            destroyed = true;
            cleanup();
            client.close();
            factory.status().destroyed();
            LOG.fine(() -> "closed " + client);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("SMTP relay sessions are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("SMTP relay sessions are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return client.greeting() == null ? "SMTP" : client.greeting().text();
            }

            @Override
            public String getEISProductVersion() {
                return "";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
