package io.sluice.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every DNS question the gateway asks, through dnsjava: to the given resolvers (or the system's),
 * each answer kept in a bounded cache for as long as its TTL allows (negative answers as long as
 * the zone's SOA says, RFC 2308), so a sender seen again costs no network round trip. Thread-safe;
 * one instance per resolver configuration.
 */
public final class DnsClient implements TxtLookup {

    /** Enough names for a busy hour of distinct senders; the oldest go first once it is full. */
    static final int CACHE_ENTRIES = 20_000;
    /** No answer is kept longer than a day, whatever its TTL says. */
    private static final int MAX_TTL_SECONDS = 86_400;
    /** A negative answer is asked again after an hour at the latest (RFC 2308 §5 suggests up to three). */
    private static final int MAX_NEGATIVE_TTL_SECONDS = 3600;

    /** Tries per resolver; all of them together within the timeout. */
    private static final int TRIES = 3;
    private static final Duration MIN_TRY = Duration.ofMillis(100);

    private final Resolver resolver;
    private final Cache cache;
    private final List<InetSocketAddress> servers;
    private final Duration timeout;

    /**
     * @param servers the resolvers to ask in turn; empty: the system's (resolv.conf)
     * @param timeout how long one question may wait, all resolvers and retries together
     */
    public DnsClient(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        ExtendedResolver r;
        if (servers.isEmpty()) {
            r = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            // each try gets a part of the timeout, so that a lost datagram leaves time to ask again
            Duration perTry = timeout.dividedBy(TRIES).compareTo(MIN_TRY) < 0 ? MIN_TRY : timeout.dividedBy(TRIES);
            for (InetSocketAddress s : servers) {
                SimpleResolver one = new SimpleResolver(s);
                one.setTimeout(perTry);
                each.add(one);
            }
            r = new ExtendedResolver(each);
        }
        // a lost datagram is asked again, but all tries together stay within the one timeout, so a
        // slow resolver never holds a client longer than the settings say
        r.setRetries(TRIES);
        r.setTimeout(timeout);
        resolver = r;
        cache = new Cache(DClass.IN);
        cache.setMaxEntries(CACHE_ENTRIES);
        cache.setMaxCache(MAX_TTL_SECONDS);
        cache.setMaxNCache(MAX_NEGATIVE_TTL_SECONDS);
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Asks for the records of {@code type} ({@link Type#A}, {@link Type#TXT} ...) of {@code name}
     * (taken as absolute: no search list applies), from the cache while the answer is fresh.
     * CNAMEs are followed.
     *
     * @throws DnsFailure no resolver answered in time, or one answered SERVFAIL or REFUSED
     */
    public DnsAnswer query(String name, int type) throws DnsFailure {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // a name that cannot be written in the DNS cannot exist there either
            return new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), 0);
        }
        Lookup lookup = new Lookup(n, type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((Name[]) null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> found(records);
            case Lookup.TYPE_NOT_FOUND -> new DnsAnswer(DnsAnswer.Status.NO_DATA, List.of(), 0);
            case Lookup.HOST_NOT_FOUND -> new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), 0);
            default -> throw new DnsFailure(Type.string(type) + " " + name + ": " + lookup.getErrorString());
        };
    }

    @Override
    public List<String> txt(String name) throws DnsFailure {
        return query(name, Type.TXT).values();
    }

    /** The IPv4 addresses of {@code name}. */
    public DnsAnswer a(String name) throws DnsFailure {
        return query(name, Type.A);
    }

    private static DnsAnswer found(Record[] records) {
        List<String> values = new ArrayList<>(records.length);
        long ttl = Long.MAX_VALUE;
        for (Record r : records) {
            values.add(text(r));
            ttl = Math.min(ttl, r.getTTL());
        }
        return new DnsAnswer(DnsAnswer.Status.FOUND, values, records.length == 0 ? 0 : ttl);
    }

    /** A record's value as text: what SPF, DKIM and the block lists compare. */
    static String text(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof TXTRecord t) {
            return String.join("", t.getStrings());
        }
        if (r instanceof MXRecord mx) {
            return mx.getTarget().toString(true);
        }
        if (r instanceof PTRRecord ptr) {
            return ptr.getTarget().toString(true);
        }
        return r.rdataToString();
    }

    /** The name to ask an IP-based list about: 192.0.2.1 under zen.example is 1.2.0.192.zen.example. */
    public static String reversed(String address, String zone) {
        try {
            Name reverse = org.xbill.DNS.ReverseMap.fromAddress(address);
            String labels = reverse.toString(true);
            return labels.substring(0, labels.lastIndexOf(labels.endsWith("ip6.arpa") ? ".ip6.arpa" : ".in-addr.arpa"))
                    + "." + zone;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
