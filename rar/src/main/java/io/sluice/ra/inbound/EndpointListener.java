package io.sluice.ra.inbound;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.RecipientDecision;
import io.sluice.api.Reply;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.function.Function;

/**
 * The engine's listener in WildFly: each call takes an endpoint (the message-driven bean) from the
 * container, calls it on the session's thread, and releases it, so the bean's return value is the
 * reply. A failure to get an endpoint propagates; the engine turns it into a 451.
 */
public final class EndpointListener implements SmtpListener {

    private final MessageEndpointFactory factory;

    public EndpointListener(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public RecipientDecision recipient(Transaction transaction, Recipient recipient) {
        return deliver(l -> l.recipient(transaction, recipient));
    }

    @Override
    public Reply message(Transaction transaction, MessageContent content) {
        return deliver(l -> l.message(transaction, content));
    }

    @Override
    public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        return deliver(l -> l.connect(client, fromSameAddress, total));
    }

    @Override
    public Reply authenticate(ClientInfo client, String user, String password) {
        return deliver(l -> l.authenticate(client, user, password));
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
