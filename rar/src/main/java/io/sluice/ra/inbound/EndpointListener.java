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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The engine's listener in WildFly: each call takes an endpoint (the message-driven bean) from the
 * container and calls it on the session's thread, so the bean's return value is the decision. A
 * failure to get an endpoint propagates; the engine turns it into a 451. The phases the bean
 * decides at are asked once and kept: they are part of its code, not of a session.
 *
 * <p>An endpoint is used by one thread at a time and then kept for the next call, up to
 * {@link #IDLE_LIMIT} idle ones, rather than released: creating one builds the container's proxy
 * and view instance each time, a few percent of the gateway's CPU when every SMTP command is a
 * call. An endpoint holds no bean instance between calls (the container takes one from its pool
 * per invocation), so keeping it holds nothing back. One that a call failed with is released,
 * and {@link #close} releases the idle ones.
 */
public final class EndpointListener implements SmtpListener {

    /** Idle endpoints kept; more calls at once than this create (and then release) their own. */
    static final int IDLE_LIMIT = 256;

    private final MessageEndpointFactory factory;
    private final ConcurrentLinkedDeque<MessageEndpoint> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;
    private volatile Set<Phase> phases;

    public EndpointListener(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** Releases the idle endpoints; an endpoint in use now is released when its call returns. */
    public void close() {
        closed = true;
        releaseIdle();
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
        MessageEndpoint endpoint = take();
        T result;
        try {
            result = call.apply((SmtpListener) endpoint);
        } catch (RuntimeException | Error e) {
            endpoint.release();
            throw e;
        }
        keep(endpoint);
        return result;
    }

    private MessageEndpoint take() {
        MessageEndpoint endpoint = idle.pollFirst();
        if (endpoint != null) {
            idleCount.decrementAndGet();
            return endpoint;
        }
        try {
            return factory.createEndpoint(null);
        } catch (UnavailableException e) {
            throw new IllegalStateException("message endpoint unavailable", e);
        }
    }

    private void keep(MessageEndpoint endpoint) {
        if (closed) {
            endpoint.release();
            return;
        }
        if (idleCount.incrementAndGet() > IDLE_LIMIT) {
            idleCount.decrementAndGet();
            endpoint.release();
            return;
        }
        idle.offerFirst(endpoint);
        if (closed) { // closed meanwhile: close() may have drained the deque before this endpoint was in it
            releaseIdle();
        }
    }

    private void releaseIdle() {
        for (MessageEndpoint e; (e = idle.pollFirst()) != null; ) {
            idleCount.decrementAndGet();
            e.release();
        }
    }
}
