package io.sluice.api;

import jakarta.resource.ResourceException;

import java.io.Serializable;

/**
 * The pool of SMTP sessions with the downstream, as bound in JNDI by the resource adapter
 * (default {@code java:/eis/sluice/Relay}). {@link #getConnection()} fails when no session can be
 * had: the downstream is unreachable or the pool stayed exhausted past its blocking timeout.
 */
public interface RelayConnectionFactory extends Serializable, jakarta.resource.Referenceable {

    RelayConnection getConnection() throws ResourceException;

    /**
     * A session the pool holds idle, or {@code null} when it holds none now: where
     * {@link #getConnection()} would first connect or wait for one, this does not.
     */
    RelayConnection idleConnection() throws ResourceException;
}
