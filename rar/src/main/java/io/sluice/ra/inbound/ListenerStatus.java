package io.sluice.ra.inbound;

import io.sluice.api.ListenerStatusMXBean;
import io.sluice.ra.StatusMBeans;
import io.sluice.smtp.server.SmtpServer;

import javax.management.ObjectName;

/** Publishes an {@link SmtpServer}'s state over JMX for the admin API and for monitoring tools. */
public final class ListenerStatus implements ListenerStatusMXBean {

    private final SmtpServer server;

    private ListenerStatus(SmtpServer server) {
        this.server = server;
    }

    /** Registers the server's MXBean; returns its name, or {@code null} if JMX refused it (logged). */
    public static ObjectName register(SmtpServer server) {
        return StatusMBeans.register("io.sluice:type=SmtpListener,port=" + server.boundAddress().getPort(),
                new ListenerStatus(server));
    }

    @Override
    public String getBindAddress() {
        return server.settings().bindAddress();
    }

    @Override
    public int getPort() {
        return server.boundAddress().getPort();
    }

    @Override
    public String getHostname() {
        return server.settings().hostname();
    }

    @Override
    public int getMaxConnections() {
        return server.settings().maxConnections();
    }

    @Override
    public int getActiveConnections() {
        return server.activeSessions();
    }

    @Override
    public long getAcceptedConnections() {
        return server.statistics().acceptedConnections();
    }

    @Override
    public long getRefusedConnections() {
        return server.statistics().refusedConnections();
    }

    @Override
    public long getTimedOutSessions() {
        return server.statistics().timedOutSessions();
    }
}
