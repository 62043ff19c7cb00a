package io.sluice.ra.outbound;

import io.sluice.api.ClientOrigin;
import io.sluice.api.MessageSource;
import io.sluice.api.RelayConnection;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.smtp.client.SmtpClient;

/**
 * What a caller holds while it uses a pooled downstream session. {@link #close()} hands the session
 * back clean (RSET if a transaction was left open) or, if it broke, has the pool destroy it.
 */
public class RelayConnectionHandle implements RelayConnection {

    private volatile RelayManagedConnection managed;
    private boolean failed;
    private Exception failure;

    RelayConnectionHandle(RelayManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public Reply verifyRecipient(RelayEnvelope probe) throws RelayException {
        RelayManagedConnection mc = current();
        try {
            return mc.clientFor(probe.origin()).verify(probe);
        } catch (RelayException e) {
            markFailed(e);
            throw e;
        }
    }

    @Override
    public java.util.Set<String> extensions() throws RelayException {
        return current().client().capabilities().asMap().keySet();
    }

    @Override
    public Reply authenticate(ClientOrigin client, String user, String password) throws RelayException {
        RelayManagedConnection mc = current();
        SmtpClient probe;
        try {
            probe = SmtpClient.connect(mc.factory().clientSettings());
        } catch (java.io.IOException e) {
            throw new RelayException("cannot reach the downstream to check credentials: " + e.getMessage(), false, e);
        }
        try (probe) {
            return probe.authenticate(client, user, password);
        }
    }

    @Override
    public void readyFor(ClientOrigin client) {
        RelayManagedConnection mc = managed;
        if (mc == null || client == null) {
            return;
        }
        try {
            mc.clientFor(client).readyFor(client);
        } catch (RelayException e) {
            // no fresh session could be had: send tries again and says why
        }
    }

    @Override
    public void advance() {
        RelayManagedConnection mc = managed;
        if (mc != null) {
            mc.client().advance();
        }
    }

    @Override
    public RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException {
        RelayManagedConnection mc = current();
        try {
            return mc.clientFor(envelope.origin()).send(envelope, content);
        } catch (RelayException e) {
            markFailed(e);
            throw e;
        }
    }

    private void markFailed(Exception e) {
        failed = true;
        failure = e;
    }

    private RelayManagedConnection current() throws RelayException {
        RelayManagedConnection mc = managed;
        if (mc == null) {
            throw new RelayException("relay connection handle is closed", false, null);
        }
        return mc;
    }

    @Override
    public void close() {
        RelayManagedConnection mc = managed;
        if (mc == null) {
            return;
        }
        managed = null;
        if (!failed && mc.client().isUsable() && mc.client().needsReset()) {
            try {
                mc.client().reset();
            } catch (RelayException e) {
                markFailed(e);
            }
        }
        if (failed || !mc.client().isUsable()) {
            mc.handleFailed(this, failure != null ? failure : new RelayException("downstream session ended", false, null));
        } else {
            mc.handleClosed(this);
        }
    }

    RelayManagedConnection reassign(RelayManagedConnection next) {
        RelayManagedConnection previous = managed;
        managed = next;
        return previous;
    }

    void invalidate() {
        managed = null;
    }
}
