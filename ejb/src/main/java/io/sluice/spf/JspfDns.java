package io.sluice.spf;

import io.sluice.dns.DnsAnswer;
import io.sluice.dns.DnsClient;
import io.sluice.dns.DnsFailure;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.PermErrorException;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * jSPF's DNS questions, asked through the gateway's {@link DnsClient} (its resolvers, timeout and
 * cache), and the void lookup limit jSPF lacks (RFC 7208 §4.6.4: a third A, AAAA, MX or PTR
 * question of a mechanism that finds nothing is a permerror). Counts per check, on the checking
 * thread: jSPF's synchronous executor asks on the caller's thread.
 */
final class JspfDns implements DNSService {

    /** RFC 7208 §4.6.4: more than two void lookups is a permerror. */
    static final int VOID_LOOKUP_LIMIT = 2;

    /** The questions and void answers of the check running on this thread. */
    static final class Count {
        int lookups;
        int voids;
        boolean voidLimitExceeded;
    }

    private static final ThreadLocal<Count> COUNT = new ThreadLocal<>();

    private final DnsClient dns;

    JspfDns(DnsClient dns) {
        this.dns = dns;
    }

    /** Starts counting for a check on this thread; {@link #end} stops it. */
    static Count begin() {
        Count c = new Count();
        COUNT.set(c);
        return c;
    }

    static void end() {
        COUNT.remove();
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        if (request.getRecordType() == DNSRequest.SPF) {
            return null; // RFC 7208 §3.1, §14.1: SPF records are TXT only; type 99 is not asked for
        }
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            default -> throw new IllegalArgumentException("DNS request of type " + request.getRecordType());
        };
        Count count = COUNT.get();
        DnsAnswer answer;
        try {
            answer = dns.query(request.getHostname(), type);
        } catch (DnsFailure e) {
            throw new TimeoutException(e.getMessage());
        } finally {
            if (count != null) {
                count.lookups++;
            }
        }
        if (answer.isVoid() && count != null && type != Type.TXT && ++count.voids > VOID_LOOKUP_LIMIT) {
            count.voidLimitExceeded = true;
            throw sneaky(new PermErrorException("more than " + VOID_LOOKUP_LIMIT + " void lookups"));
        }
        // jSPF takes null, not an empty list, for "no records", and consumes the list it gets
        return answer.isVoid() ? null : new ArrayList<>(answer.values());
    }

    /**
     * jSPF's executor hands any exception to the check's exception handlers, which turn a
     * PermErrorException into the permerror result; the interface does not declare it.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of(); // only the "r" macro of explanations uses it; never ask the system's resolver for it
    }

    @Override
    public void setTimeOut(int timeOut) {
        // the settings' timeout applies, through the DnsClient
    }

    @Override
    public int getRecordLimit() {
        return 10; // RFC 7208 §4.6.4: at most 10 MX and 10 PTR names are looked at
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        // fixed by the RFC
    }
}
