package io.sluice.ra.inbound;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.MessageContent;
import io.sluice.api.Phase;
import io.sluice.api.Recipient;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.Set;
import java.util.function.Function;

/**
 * The engine's listener in WildFly: each call takes an endpoint (the message-driven bean) from the
 * container, calls it on the session's thread, and releases it, so the bean's return value is the
 * decision. A failure to get an endpoint propagates; the engine turns it into a 451. The phases the
 * bean decides at are asked once and kept: they are part of its code, not of a session.
 */
public final class EndpointListener implements SmtpListener {

    private final MessageEndpointFactory factory;
    private volatile Set<Phase> phases;

    public EndpointListener(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public Decision recipient(Transaction transaction, Recipient recipient) {
        return deliver(l -> l.recipient(transaction, recipient));
    }

    @Override
    public Decision message(Transaction transaction, MessageContent content) {
        return deliver(l -> l.message(transaction, content));
    }

    @Override
    public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        return deliver(l -> l.connect(client, fromSameAddress, total));
    }

    @Override
    public Decision helo(ClientInfo client) {
        return deliver(l -> l.helo(client));
    }

    @Override
    public Decision mail(Transaction transaction) {
        return deliver(l -> l.mail(transaction));
    }

    @Override
    public Decision authenticate(ClientInfo client, String user, String password) {
        return deliver(l -> l.authenticate(client, user, password));
    }

    @Override
    public Set<Phase> phases() {
        Set<Phase> known = phases;
        if (known == null) {
            known = Set.copyOf(deliver(SmtpListener::phases));
            phases = known;
        }
        return known;
    }

    private <T> T deliver(Function<SmtpListener, T> call) {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException e) {
            throw new IllegalStateException("message endpoint unavailable", e);
        }
        try {
            return call.apply((SmtpListener) endpoint);
        } finally {
            endpoint.release();
        }
    }
}
