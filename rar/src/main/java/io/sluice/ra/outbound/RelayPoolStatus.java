package io.sluice.ra.outbound;

import io.sluice.api.RelayPoolStatusMXBean;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Counters of one relay pool, published over JMX. */
final class RelayPoolStatus implements RelayPoolStatusMXBean {

    private static final Logger LOG = Logger.getLogger(RelayPoolStatus.class.getName());

    private final RelayManagedConnectionFactory factory;
    private final LongAdder created = new LongAdder();
    private final LongAdder destroyed = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final AtomicInteger inUse = new AtomicInteger();
    private ObjectName name;

    RelayPoolStatus(RelayManagedConnectionFactory factory) {
        this.factory = factory;
    }

    void created() {
        created.increment();
    }

    void destroyed() {
        destroyed.increment();
    }

    void connectFailed() {
        failedConnects.increment();
    }

    void lent() {
        inUse.incrementAndGet();
    }

    void returned() {
        inUse.decrementAndGet();
    }

    synchronized void register() {
        if (name != null) {
            return;
        }
        try {
            ObjectName n = new ObjectName("io.sluice:type=RelayPool,downstream=" + ObjectName.quote(getDownstream()));
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            if (mbs.isRegistered(n)) {
                mbs.unregisterMBean(n);
            }
            mbs.registerMBean(this, n);
            name = n;
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot register the relay pool MBean", e);
        }
    }

    synchronized void unregister() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "MBean " + name + " already gone", e);
        }
        name = null;
    }

    @Override
    public String getDownstream() {
        return factory.getHost() + ":" + factory.getPort();
    }

    @Override
    public int getOpenConnections() {
        return (int) (created.sum() - destroyed.sum());
    }

    @Override
    public int getInUseConnections() {
        return Math.max(0, inUse.get());
    }

    @Override
    public long getCreatedConnections() {
        return created.sum();
    }

    @Override
    public long getDestroyedConnections() {
        return destroyed.sum();
    }

    @Override
    public long getFailedConnects() {
        return failedConnects.sum();
    }
}
