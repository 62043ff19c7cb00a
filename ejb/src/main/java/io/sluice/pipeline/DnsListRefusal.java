package io.sluice.pipeline;

import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.config.DnsList;
import io.sluice.dns.DnsClient;
import io.sluice.dnsbl.DnsBlockLists;
import io.sluice.dnsbl.Listing;

import java.util.List;
import java.util.function.Supplier;

/**
 * Connect step: a client listed by an IP block list that refuses (rather than scores) is refused
 * before the greeting, the way Postfix words it, and the connection is closed.
 */
final class DnsListRefusal implements PhaseStep<ConnectPhase.Connect> {

    private final Supplier<List<DnsList>> lists;
    private final Supplier<DnsClient> dns;

    DnsListRefusal(Supplier<List<DnsList>> lists, Supplier<DnsClient> dns) {
        this.lists = lists;
        this.dns = dns;
    }

    @Override
    public Decision apply(ConnectPhase.Connect connect) {
        List<DnsList> l = lists.get();
        if (l.isEmpty()) {
            return null;
        }
        List<Listing> listed = new DnsBlockLists(dns.get()).client(l, connect.client().address(), true);
        return listed.isEmpty() ? null : Decision.disconnect(refusal(connect.client().address(), listed.get(0)));
    }

    static Reply refusal(String address, Listing listing) {
        return Reply.of(ReplyCode.TRANSACTION_FAILED, EnhancedStatus.POLICY_REFUSED, "Service unavailable; client ["
                + address + "] blocked using " + listing.list().zone());
    }
}
