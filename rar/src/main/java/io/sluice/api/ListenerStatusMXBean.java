package io.sluice.api;

/**
 * Live state of one SMTP listener, registered by the resource adapter as
 * {@code io.sluice:type=SmtpListener,port=<port>} in the platform MBean server.
 */
public interface ListenerStatusMXBean {

    String getBindAddress();

    int getPort();

    String getHostname();

    int getMaxConnections();

    int getActiveConnections();

    long getAcceptedConnections();

    long getRefusedConnections();

    /** Sessions closed for a timeout, including clients that did not read their replies. */
    long getTimedOutSessions();
}
