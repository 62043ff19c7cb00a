package io.sluice.ra.outbound;

import io.sluice.api.RelayPoolStatusMXBean;
import io.sluice.ra.StatusMBeans;

import javax.management.ObjectName;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one relay pool, published over JMX. */
final class RelayPoolStatus implements RelayPoolStatusMXBean {

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
        if (name == null) {
            name = StatusMBeans.register("io.sluice:type=RelayPool,downstream=" + ObjectName.quote(getDownstream()), this);
        }
    }

    synchronized void unregister() {
        StatusMBeans.unregister(name);
        name = null;
    }

    @Override
    public String getDownstream() {
        return factory.getHost() + ":" + factory.getPort();
    }

    /** Sessions open and not lent out: in the pool, waiting. */
    int idle() {
        return getOpenConnections() - inUse.get();
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
