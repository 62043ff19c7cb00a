package io.sluice.ra;

import io.sluice.ra.inbound.EndpointListener;
import io.sluice.ra.inbound.ListenerStatus;
import io.sluice.ra.inbound.SessionThreads;
import io.sluice.ra.inbound.SmtpActivationSpec;
import io.sluice.ra.inbound.WorkManagerRunner;
import io.sluice.ra.outbound.RelayManagedConnectionFactory;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.server.SmtpServer;
import io.sluice.smtp.server.TaskRunner;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import javax.management.ObjectName;
import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The Sluice resource adapter. Inbound, each activated endpoint (the gateway's message-driven bean)
 * gets an {@link SmtpServer} on its own port, whose sessions call the endpoint synchronously.
 * Outbound, {@link RelayManagedConnectionFactory} pools SMTP sessions with the downstream server.
 * The accept loops run as Work of the bootstrap context's work manager; the sessions run there too
 * or on virtual threads, as {@link SessionThreads} says.
 */
public class SluiceResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SluiceResourceAdapter.class.getName());
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private final Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();
    private final Set<RelayManagedConnectionFactory> factories = ConcurrentHashMap.newKeySet();
    private volatile WorkManager workManager;
    private String sessionThreads; // as configured (ironjacamar.xml); empty: AUTO
    private volatile SessionThreads threads = SessionThreads.AUTO;

    /** JCA 6.4: one activation per (factory, spec) pair. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    private record Activation(SmtpServer server, EndpointListener listener, ObjectName mbean) {
    }

    /** {@code sluice.smtp.threads}: {@code AUTO} (empty), {@code VIRTUAL} or {@code WORK_MANAGER}. */
    public String getSessionThreads() {
        return sessionThreads;
    }

    public void setSessionThreads(String sessionThreads) {
        this.sessionThreads = sessionThreads;
    }

    /**
     * Checks the thread setting against this JVM first, so that one it cannot honour fails the
     * deployment with the reason instead of every connection later.
     */
    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            threads = SessionThreads.parse(sessionThreads);
            SessionThreads chosen = threads.on(Runtime.version().feature());
            LOG.info(() -> "SMTP sessions run on " + (chosen == SessionThreads.VIRTUAL ? "virtual threads"
                    : "the work manager's threads") + " (sluice.smtp.threads=" + threads + ", Java "
                    + Runtime.version().feature() + ")");
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
        // the WorkManager runs the accept loop (and the sessions unless they are virtual); valid from here on
        workManager = context.getWorkManager();
        if (!Boolean.getBoolean(REJECT_RENEGOTIATION)) {
            // JSSE reads it once, at the JVM's first TLS server handshake: setting it here could be too late
            LOG.warning("TLS 1.2 clients may renegotiate at will (a denial-of-service risk): start the server with -D"
                    + REJECT_RENEGOTIATION + "=true, as sluice.cli configures it");
        }
        LOG.info("Sluice resource adapter started");
    }

    @Override
    public void stop() {
        for (ActivationKey key : Set.copyOf(activations.keySet())) {
            endpointDeactivation(key.factory(), key.spec());
        }
        for (RelayManagedConnectionFactory f : Set.copyOf(factories)) {
            f.unregisterStatus();
        }
        factories.clear();
        LOG.info("Sluice resource adapter stopped");
    }

    /**
     * Binds the listening socket synchronously, so a port in use fails the deployment of the bean
     * with the address in the message, then accepts connections as long-running Work.
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof SmtpActivationSpec smtpSpec)) {
            throw new NotSupportedException("unexpected activation spec " + spec.getClass().getName());
        }
        SmtpSettings settings = smtpSpec.toSettings();
        TaskRunner work = new WorkManagerRunner(workManager);
        EndpointListener listener = new EndpointListener(factory);
        SmtpServer server = new SmtpServer(settings, listener, work, threads.runner(workManager));
        try {
            server.bind();
        } catch (IOException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
        server.start();
        ObjectName mbean = ListenerStatus.register(server);
        activations.put(new ActivationKey(factory, spec), new Activation(server, listener, mbean));
    }

    /** Closes the listening socket and every connection (clients idle between commands are told 421). */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Activation activation = activations.remove(new ActivationKey(factory, spec));
        if (activation != null) {
            StatusMBeans.unregister(activation.mbean());
            activation.server().close();
            activation.listener().close();
        }
    }

    /** Called by connection factories of this adapter so that {@link #stop()} can clean up after them. */
    public void register(RelayManagedConnectionFactory factory) {
        factories.add(factory);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null; // no transactional inbound delivery: the SMTP reply is the acknowledgement
    }

    // A resource adapter JavaBean must implement equals/hashCode (JCA 5.3.1); it has no properties.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(getClass());
    }
}
