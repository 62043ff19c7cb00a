package io.sluice.admin;

import io.sluice.Version;
import io.sluice.api.ListenerStatusMXBean;
import io.sluice.api.RelayPoolStatusMXBean;
import io.sluice.tracking.MessageCounters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/status}: version, SMTP listeners, message counters and the downstream pool.
 * The listener and pool state come from the resource adapter's MXBeans.
 */
@Path("/status")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    MessageCounters counters;

    /** The whole status document. */
    @JsonbPropertyOrder({"version", "listeners", "messages", "recipients", "downstream"})
    public record Status(String version, List<Listener> listeners, Messages messages, Recipients recipients,
                         List<Downstream> downstream) {
    }

    @JsonbPropertyOrder({"bindAddress", "port", "hostname", "maxConnections", "activeConnections",
            "acceptedConnections", "refusedConnections"})
    public record Listener(String bindAddress, int port, String hostname, int maxConnections, int activeConnections,
                           long acceptedConnections, long refusedConnections) {
    }

    @JsonbPropertyOrder({"accepted", "rejected", "tempFailed", "bytesAccepted"})
    public record Messages(long accepted, long rejected, long tempFailed, long bytesAccepted) {
    }

    @JsonbPropertyOrder({"accepted", "refused"})
    public record Recipients(long accepted, long refused) {
    }

    @JsonbPropertyOrder({"address", "openConnections", "inUseConnections", "createdConnections",
            "destroyedConnections", "failedConnects"})
    public record Downstream(String address, int openConnections, int inUseConnections, long createdConnections,
                             long destroyedConnections, long failedConnects) {
    }

    @GET
    public Status status() throws MalformedObjectNameException {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        List<Listener> listeners = mbs.queryNames(new ObjectName("io.sluice:type=SmtpListener,*"), null).stream()
                .map(n -> JMX.newMXBeanProxy(mbs, n, ListenerStatusMXBean.class))
                .map(l -> new Listener(l.getBindAddress(), l.getPort(), l.getHostname(), l.getMaxConnections(),
                        l.getActiveConnections(), l.getAcceptedConnections(), l.getRefusedConnections()))
                .sorted(Comparator.comparingInt(Listener::port))
                .toList();
        List<Downstream> pools = mbs.queryNames(new ObjectName("io.sluice:type=RelayPool,*"), null).stream()
                .map(n -> JMX.newMXBeanProxy(mbs, n, RelayPoolStatusMXBean.class))
                .map(p -> new Downstream(p.getDownstream(), p.getOpenConnections(), p.getInUseConnections(),
                        p.getCreatedConnections(), p.getDestroyedConnections(), p.getFailedConnects()))
                .sorted(Comparator.comparing(Downstream::address))
                .toList();
        return new Status(Version.VALUE, listeners,
                new Messages(counters.messagesAccepted(), counters.messagesRejected(), counters.messagesTempFailed(),
                        counters.bytesAccepted()),
                new Recipients(counters.recipientsAccepted(), counters.recipientsRefused()),
                pools);
    }
}
