package io.sluice.downstream;

import io.sluice.api.ClientOrigin;
import io.sluice.api.MessageSource;
import io.sluice.api.RelayConnection;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;

import java.util.Set;

/**
 * A downstream session for tests whose every operation fails the test: a test overrides the
 * operations it expects, so any other use shows as the error it is.
 */
public abstract class UnexpectedRelayConnection implements RelayConnection {

    private static AssertionError unexpected(String what) {
        return new AssertionError("unexpected use of the downstream session: " + what);
    }

    @Override
    public Reply verifyRecipient(RelayEnvelope probe) throws RelayException {
        throw unexpected("verifyRecipient");
    }

    @Override
    public Reply authenticate(ClientOrigin client, String user, String password) throws RelayException {
        throw unexpected("authenticate");
    }

    @Override
    public Set<String> extensions() throws RelayException {
        throw unexpected("extensions");
    }

    @Override
    public void readyFor(ClientOrigin client) {
        throw unexpected("readyFor");
    }

    @Override
    public void advance() {
        throw unexpected("advance");
    }

    @Override
    public RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException {
        throw unexpected("send");
    }

    @Override
    public void close() {
        throw unexpected("close");
    }
}
