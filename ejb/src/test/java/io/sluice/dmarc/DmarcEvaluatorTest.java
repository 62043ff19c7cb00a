package io.sluice.dmarc;

import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DnsTemporaryFailure;
import io.sluice.dkim.TxtRecords;
import io.sluice.dmarc.DmarcRecord.Policy;
import io.sluice.dmarc.DmarcResult.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 7489: records, organisational domains, alignment, p/sp/pct, and each result. */
class DmarcEvaluatorTest {

    private static final DmarcRecord REJECT = new DmarcRecord(Policy.REJECT, Policy.REJECT, 100, false, false, List.of(), List.of());

    private final Map<String, List<String>> records = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private int percentile = 0;

    private final TxtRecords dns = name -> {
        asked.add(name);
        if (name.equals("_dmarc.broken.example")) {
            throw new DnsTemporaryFailure("timeout");
        }
        return records.getOrDefault(name, List.of());
    };

    private DmarcResult evaluate(String from, SpfOutcome spf, DkimResult... dkim) {
        return new DmarcEvaluator(dns, () -> percentile).evaluate(from, spf, List.of(dkim));
    }

    private static DkimResult dkim(DkimResult.Status status, String domain) {
        return new DkimResult(status, domain, "s", "@" + domain, "rsa-sha256", "AAAAAAAA", "x");
    }

    @Test
    void recordsAreReadWithTheirDefaults() throws DmarcRecord.Invalid {
        assertEquals(new DmarcRecord(Policy.REJECT, Policy.REJECT, 100, false, false, List.of(), List.of()),
                DmarcRecord.parse("v=DMARC1; p=reject"));
        assertEquals(new DmarcRecord(Policy.QUARANTINE, Policy.NONE, 25, true, true,
                        List.of("mailto:agg@example.org", "mailto:b@example.net!10m"), List.of("mailto:f@example.org"), "1"),
                DmarcRecord.parse("v=DMARC1;p=Quarantine; sp=none; pct=25; adkim=s; aspf=s; "
                        + "rua=mailto:agg@example.org, mailto:b@example.net!10m; ruf=mailto:f@example.org; fo=1"));
        // bad values of the other tags fall back to their defaults (§6.3)
        assertEquals(new DmarcRecord(Policy.REJECT, Policy.REJECT, 100, false, false, List.of(), List.of()),
                DmarcRecord.parse("v=DMARC1; p=reject; pct=101; adkim=x; aspf=relaxed; fo=2"));
        assertEquals("d:s", DmarcRecord.parse("v=DMARC1; p=reject; fo=D : s").failureOptions());
        // a bad sp= is as a bad p= (§6.6.3 step 6)
        assertEquals("DMARC record has an unknown sp=sometimes", assertThrows(DmarcRecord.Invalid.class,
                () -> DmarcRecord.parse("v=DMARC1; p=reject; sp=sometimes")).getMessage());
        assertEquals(new DmarcRecord(Policy.NONE, Policy.NONE, 100, false, false, List.of("mailto:a@example.org"), List.of()),
                DmarcRecord.parse("v=DMARC1; p=reject; sp=sometimes; rua=mailto:a@example.org"));
        // no or a bad p= with a rua= is p=none (§6.6.3)
        assertEquals(Policy.NONE, DmarcRecord.parse("v=DMARC1; p=maybe; rua=mailto:a@example.org").policy());
        assertEquals("DMARC record has no p=", assertThrows(DmarcRecord.Invalid.class,
                () -> DmarcRecord.parse("v=DMARC1; pct=5")).getMessage());
        assertEquals("DMARC record does not begin with v=DMARC1", assertThrows(DmarcRecord.Invalid.class,
                () -> DmarcRecord.parse("p=reject; v=DMARC1")).getMessage());
        assertEquals(true, DmarcRecord.isDmarc("v=DMARC1; p=none"));
        assertEquals(false, DmarcRecord.isDmarc("v=DMARC10; p=none"));
        assertEquals(false, DmarcRecord.isDmarc("v=spf1 -all"));
    }

    @Test
    void organisationalDomainsComeFromThePublicSuffixList() {
        assertEquals("example.org", OrganizationalDomain.of("mail.Example.ORG"));
        assertEquals("example.co.uk", OrganizationalDomain.of("a.b.example.co.uk"));
        assertEquals("example.co.uk", OrganizationalDomain.of("example.co.uk."));
        assertEquals("co.uk", OrganizationalDomain.of("co.uk"));
        // a suffix the list does not know: the implicit "*" rule
        assertEquals("example.test", OrganizationalDomain.of("x.y.example.test"));
        assertEquals("example.test", OrganizationalDomain.of("_sub.example.test"));
        assertEquals(true, OrganizationalDomain.aligned("mail.example.org", "example.org", false));
        assertEquals(false, OrganizationalDomain.aligned("mail.example.org", "example.org", true));
        assertEquals(false, OrganizationalDomain.aligned("example.co.uk", "other.co.uk", false));
    }

    @Test
    void alignedDkimOrSpfPasses() {
        records.put("_dmarc.example.org", List.of("v=DMARC1; p=reject"));
        assertEquals(new DmarcResult(Status.PASS, "example.org", "example.org", Policy.REJECT, Policy.NONE, true, false, "DKIM aligned",
                        REJECT, null),
                evaluate("example.org", SpfOutcome.NONE, dkim(DkimResult.Status.PASS, "mail.example.org")));
        assertEquals(new DmarcResult(Status.PASS, "example.org", "example.org", Policy.REJECT, Policy.NONE, false, true, "SPF aligned",
                        REJECT, null),
                evaluate("example.org", new SpfOutcome("pass", "bounces.example.org"), dkim(DkimResult.Status.FAIL, "example.org")));
    }

    @Test
    void unalignedOrFailingIsAFailWithThePublishedPolicy() {
        records.put("_dmarc.example.org", List.of("v=spf1 -all", "v=DMARC1; p=reject; adkim=s; aspf=s"));
        assertEquals(new DmarcResult(Status.FAIL, "example.org", "example.org", Policy.REJECT, Policy.REJECT, false, false,
                        "neither DKIM nor SPF aligned", new DmarcRecord(Policy.REJECT, Policy.REJECT, 100, true, true, List.of(), List.of()), null),
                evaluate("example.org", new SpfOutcome("pass", "mail.example.org"), dkim(DkimResult.Status.PASS, "mail.example.org"),
                        dkim(DkimResult.Status.FAIL, "example.org"), dkim(DkimResult.Status.PASS, "example.net")));
        assertEquals(Status.FAIL, evaluate("example.org", new SpfOutcome("softfail", "example.org")).status());
    }

    @Test
    void aSubdomainGetsTheOrganisationalDomainsSpUnlessItHasARecordOfItsOwn() {
        records.put("_dmarc.example.org", List.of("v=DMARC1; p=reject; sp=quarantine"));
        assertEquals(new DmarcResult(Status.FAIL, "news.example.org", "example.org", Policy.QUARANTINE, Policy.QUARANTINE,
                false, false, "neither DKIM nor SPF aligned", new DmarcRecord(Policy.REJECT, Policy.QUARANTINE, 100, false, false,
                List.of(), List.of()), null), evaluate("news.example.org", SpfOutcome.NONE));
        assertEquals(List.of("_dmarc.news.example.org", "_dmarc.example.org"), asked);
        records.put("_dmarc.news.example.org", List.of("v=DMARC1; p=none"));
        assertEquals(Policy.NONE, evaluate("news.example.org", SpfOutcome.NONE).disposition());
    }

    @Test
    void pctSamplesAndTheRestGetOneStepMilder() {
        records.put("_dmarc.example.org", List.of("v=DMARC1; p=reject; pct=30"));
        percentile = 29;
        assertEquals(Policy.REJECT, evaluate("example.org", SpfOutcome.NONE).disposition());
        percentile = 30;
        DmarcResult notSampled = evaluate("example.org", SpfOutcome.NONE);
        assertEquals(Policy.QUARANTINE, notSampled.disposition());
        assertEquals("neither DKIM nor SPF aligned (not sampled by pct=30)", notSampled.reason());
        records.put("_dmarc.example.org", List.of("v=DMARC1; p=quarantine; pct=0"));
        assertEquals(Policy.NONE, evaluate("example.org", SpfOutcome.NONE).disposition());
    }

    @Test
    void noneTemperrorAndPermerror() {
        assertEquals(DmarcResult.without(Status.NONE, "example.org", "no DMARC record"), evaluate("example.org", SpfOutcome.NONE));
        assertEquals(DmarcResult.without(Status.TEMPERROR, "broken.example", "DMARC record lookup: timeout"),
                evaluate("broken.example", SpfOutcome.NONE));
        records.put("_dmarc.example.net", List.of("v=DMARC1; p=reject", "v=DMARC1; p=none"));
        assertEquals(DmarcResult.without(Status.PERMERROR, "example.net", "more than one DMARC record at _dmarc.example.net"),
                evaluate("example.net", SpfOutcome.NONE));
        records.put("_dmarc.example.com", List.of("v=DMARC1; p=bogus"));
        assertEquals(DmarcResult.without(Status.PERMERROR, "example.com", "DMARC record has an unknown p=bogus (_dmarc.example.com)"),
                evaluate("example.com", SpfOutcome.NONE));
        assertEquals(DmarcResult.without(Status.PERMERROR, null, "no single author domain in From"), evaluate(null, SpfOutcome.NONE));
    }
}
