package io.sluice.api;

/**
 * Live state of the downstream connection pool, registered by the resource adapter as
 * {@code io.sluice:type=RelayPool,downstream="<host>:<port>"} in the platform MBean server.
 */
public interface RelayPoolStatusMXBean {

    String getDownstream();

    /** SMTP sessions with the downstream that are open now (idle or in use). */
    int getOpenConnections();

    /** Sessions lent out to a caller right now. */
    int getInUseConnections();

    long getCreatedConnections();

    long getDestroyedConnections();

    /** Attempts to open a session that failed (downstream unreachable, refused, timed out). */
    long getFailedConnects();
}
