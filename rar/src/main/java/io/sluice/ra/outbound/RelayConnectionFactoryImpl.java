package io.sluice.ra.outbound;

import io.sluice.api.RelayConnection;
import io.sluice.api.RelayConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/** The pool as the application sees it in JNDI; every connection comes from the container's manager. */
public class RelayConnectionFactoryImpl implements RelayConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final transient RelayManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    RelayConnectionFactoryImpl(RelayManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public RelayConnection getConnection() throws ResourceException {
        return (RelayConnection) manager.allocateConnection(factory, null);
    }

    @Override
    public RelayConnection idleConnection() throws ResourceException {
        return factory.status().idle() > 0 ? getConnection() : null;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
