package io.sluice.ra;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the adapter's status objects in the platform MBean server, where the admin API and
 * monitoring tools read them. A failure to publish is logged and never fails the adapter.
 */
public final class StatusMBeans {

    private static final Logger LOG = Logger.getLogger(StatusMBeans.class.getName());

    private StatusMBeans() {
    }

    /** Registers {@code mbean} under {@code name} (replacing a stale one); returns the name, or null. */
    public static ObjectName register(String name, Object mbean) {
        try {
            ObjectName objectName = new ObjectName(name);
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            if (mbs.isRegistered(objectName)) {
                mbs.unregisterMBean(objectName);
            }
            mbs.registerMBean(mbean, objectName);
            return objectName;
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot register MBean " + name, e);
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
}
