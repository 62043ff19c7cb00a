package io.sluice.dns;

import io.sluice.config.SenderChecks;
import io.sluice.config.SettingsCache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xbill.DNS.NioClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's one {@link DnsClient}, for the resolvers and timeout the settings name now. A
 * change of either starts a new client (with an empty cache: the answers came from elsewhere).
 */
@ApplicationScoped
public class Resolvers {

    @Inject
    SettingsCache settings;

    private volatile DnsClient client;

    /** The client for the current settings. */
    public DnsClient client() {
        SenderChecks s = settings.current().senderChecks();
        List<InetSocketAddress> servers = s.resolvers();
        Duration timeout = s.dnsTimeout();
        DnsClient c = client;
        if (c == null || !c.servers().equals(servers) || !c.timeout().equals(timeout)) {
            synchronized (this) {
                c = client;
                if (c == null || !c.servers().equals(servers) || !c.timeout().equals(timeout)) {
                    c = new DnsClient(servers, timeout);
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Stops dnsjava's selector thread when the application stops: it belongs to this deployment's
     * class loader and would otherwise outlive an undeployment, keeping the loader and its classes.
     */
    @PreDestroy
    void stop() {
        NioClient.close();
    }
}
