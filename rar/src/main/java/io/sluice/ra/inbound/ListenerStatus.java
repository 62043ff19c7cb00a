package io.sluice.ra.inbound;

import io.sluice.api.ListenerStatusMXBean;
import io.sluice.smtp.server.SmtpServer;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Publishes an {@link SmtpServer}'s state over JMX for the admin API and for monitoring tools. */
public final class ListenerStatus implements ListenerStatusMXBean {

    private static final Logger LOG = Logger.getLogger(ListenerStatus.class.getName());

    private final SmtpServer server;

    private ListenerStatus(SmtpServer server) {
        this.server = server;
    }

    /** Registers the server's MXBean; returns its name, or {@code null} if JMX refused it (logged). */
    public static ObjectName register(SmtpServer server) {
        try {
            ObjectName name = new ObjectName("io.sluice:type=SmtpListener,port=" + server.boundAddress().getPort());
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            if (mbs.isRegistered(name)) {
                mbs.unregisterMBean(name);
            }
            mbs.registerMBean(new ListenerStatus(server), name);
            return name;
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot register the SMTP listener MBean", e);
            return null;
        }
    }

    public static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "MBean " + name + " already gone", e);
        }
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
}
