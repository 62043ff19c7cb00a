package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.Decision;
import io.sluice.api.Transaction;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.config.DnsList;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SenderChecks;
import io.sluice.config.SettingsCache;
import io.sluice.dns.DnsClient;
import io.sluice.dns.Resolvers;
import io.sluice.dnsbl.DnsBlockLists;
import io.sluice.dnsbl.Listing;
import io.sluice.spf.SpfCheck;
import io.sluice.spf.SpfVerifier;
import io.sluice.tracking.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * MAIL: the checks of the sender that ask the DNS. SPF's results are facts for the policy at the
 * end of data (and for greylisting at RCPT), carried as the transaction's attributes: SPF refuses
 * no sender here, so the policy decides what a "fail" means. A domain block list that refuses
 * refuses the sender's domain or the HELO name at once.
 *
 * <pre>
 * domain block lists that refuse (sender's domain, HELO) → SPF of MAIL FROM and of HELO
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

    /**
     * Whether MAIL has anything to check under these settings (SPF, or a domain list that refuses):
     * where it has not, the connect decision spares the session the call at MAIL.
     */
    static boolean decides(RuntimeSettings settings) {
        return settings.senderChecks().spf() || settings.dnsLists().stream().anyMatch(MailPhase::refusesAtMail);
    }

    private static boolean refusesAtMail(DnsList list) {
        return list.reject() && list.kind() == DnsList.Kind.DOMAIN;
    }

    public Decision check(Transaction tx) {
        RuntimeSettings current = settings.current();
        Decision refused = refusedByList(tx, current.dnsLists());
        if (refused != null) {
            return refused;
        }
        SenderChecks checks = current.senderChecks();
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

    /** A refusal when a refusing domain list lists the sender's domain or the HELO name. */
    private Decision refusedByList(Transaction tx, List<DnsList> lists) {
        List<DnsList> refusing = lists.stream().filter(MailPhase::refusesAtMail).toList();
        if (refusing.isEmpty()) {
            return null;
        }
        DnsBlockLists dnsbl = new DnsBlockLists(resolvers.client());
        if (!tx.isNullSender()) {
            String domain = tx.sender().substring(tx.sender().lastIndexOf('@') + 1);
            List<Listing> sender = dnsbl.domain(refusing, domain, "sender");
            if (!sender.isEmpty()) {
                return Decision.reject(Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.POLICY_REFUSED, "<"
                        + tx.sender() + ">: Sender address rejected: " + sender.get(0).listed() + " blocked using "
                        + sender.get(0).list().zone()));
            }
        }
        List<Listing> helo = dnsbl.domain(refusing, tx.client().helo(), "helo");
        if (!helo.isEmpty()) {
            return Decision.reject(Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.POLICY_REFUSED, "<"
                    + tx.client().helo() + ">: Helo command rejected: Host blocked using " + helo.get(0).list().zone()));
        }
        return null;
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
