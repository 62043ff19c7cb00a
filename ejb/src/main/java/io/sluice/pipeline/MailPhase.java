package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.Decision;
import io.sluice.api.Transaction;
import io.sluice.config.SenderChecks;
import io.sluice.config.SettingsCache;
import io.sluice.dns.DnsClient;
import io.sluice.dns.Resolvers;
import io.sluice.spf.SpfCheck;
import io.sluice.spf.SpfVerifier;
import io.sluice.tracking.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * MAIL: the checks of the sender that ask the DNS. Their results are facts for the policy at the
 * end of data (and for greylisting at RCPT), carried as the transaction's attributes; SPF refuses
 * no sender here, so the policy decides what a "fail" means.
 *
 * <pre>
 * SPF of MAIL FROM and of HELO
 * </pre>
 */
@ApplicationScoped
public class MailPhase {

    /** The SPF result of MAIL FROM (its keyword: "pass", "fail" ...); absent when SPF is off. */
    static final Attributes.Key<String> SPF = Attributes.Key.of("sluice.spf", String.class);
    /** The domain that SPF result is for: the sender's, or the HELO name for the null sender. */
    static final Attributes.Key<String> SPF_DOMAIN = Attributes.Key.of("sluice.spf.domain", String.class);
    /** The SPF result of the HELO name. */
    static final Attributes.Key<String> SPF_HELO = Attributes.Key.of("sluice.spf.helo", String.class);

    private static final Logger LOG = Logger.getLogger(MailPhase.class.getName());

    @Inject
    SettingsCache settings;

    @Inject
    Resolvers resolvers;

    @Inject
    GatewayMetrics metrics;

    private volatile SpfVerifier spf;
    private volatile DnsClient spfDns;

    public Decision check(Transaction tx) {
        SenderChecks checks = settings.current().senderChecks();
        if (!checks.spf()) {
            return Decision.ACCEPT;
        }
        long start = System.nanoTime();
        SpfVerifier verifier = verifier();
        String address = tx.client().address();
        SpfCheck mailFrom = verifier.mailFrom(address, tx.sender(), tx.client().helo());
        SpfCheck helo = verifier.helo(address, tx.client().helo());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.stage("spf", took);
        LOG.fine(() -> tx.queueId() + ": spf=" + mailFrom.result().keyword() + " smtp.mailfrom=" + mailFrom.domain()
                + " helo=" + helo.result().keyword() + " client=" + address + " " + took.toNanos() / 1000 / 1000.0 + "ms");
        Attributes a = Attributes.of(SPF, mailFrom.result().keyword()).with(SPF_DOMAIN, mailFrom.domain())
                .with(SPF_HELO, helo.result().keyword());
        return Decision.accept(a);
    }

    /** The verifier over the current DNS client (a new one when the resolvers change). */
    private SpfVerifier verifier() {
        DnsClient dns = resolvers.client();
        SpfVerifier v = spf;
        if (v == null || spfDns != dns) {
            synchronized (this) {
                if (spf == null || spfDns != dns) {
                    spf = new SpfVerifier(dns);
                    spfDns = dns;
                }
                v = spf;
            }
        }
        return v;
    }
}
