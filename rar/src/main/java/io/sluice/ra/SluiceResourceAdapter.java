package io.sluice.ra;

import io.sluice.ra.inbound.EndpointListener;
import io.sluice.ra.inbound.ListenerStatus;
import io.sluice.ra.inbound.SmtpActivationSpec;
import io.sluice.ra.inbound.WorkManagerRunner;
import io.sluice.ra.outbound.RelayManagedConnectionFactory;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.server.SmtpServer;
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
 */
public class SluiceResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SluiceResourceAdapter.class.getName());
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private final Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();
    private final Set<RelayManagedConnectionFactory> factories = ConcurrentHashMap.newKeySet();
    private volatile WorkManager workManager;

    /** JCA 6.4: one activation per (factory, spec) pair. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    private record Activation(SmtpServer server, ObjectName mbean) {
    }

    @Override
    public void start(BootstrapContext context) {
        // the WorkManager runs the accept loop and every connection; it is only valid from here on
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
        SmtpServer server = new SmtpServer(settings, new EndpointListener(factory), new WorkManagerRunner(workManager));
        try {
            server.bind();
        } catch (IOException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
        server.start();
        ObjectName mbean = ListenerStatus.register(server);
        activations.put(new ActivationKey(factory, spec), new Activation(server, mbean));
    }

    /** Closes the listening socket and every connection (clients idle between commands are told 421). */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Activation activation = activations.remove(new ActivationKey(factory, spec));
        if (activation != null) {
            StatusMBeans.unregister(activation.mbean());
            activation.server().close();
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
