package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.config.DmarcSettings;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SenderChecks;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.SigningKey;
import io.sluice.dns.DnsClient;
import io.sluice.dns.TestNameServer;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.FilterSpec;
import io.sluice.policy.FilterType;
import io.sluice.policy.RuleSpec;
import io.sluice.policy.TestPolicies;
import io.sluice.scan.Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DKIM, ARC and DMARC at the end of data against a real name server (NSD on loopback) holding the
 * signing key and the DMARC records: the exact Authentication-Results entries, the facts the
 * policy's DKIM and DMARC filters see, the tracking log's texts, and the default policy's DMARC rules.
 */
class AuthenticateMessageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final SigningKey KEY = SigningKey.generate("auth.test", "sel", Algorithm.ED25519_SHA256);
    private static final SigningKey SEALER = SigningKey.generate("lists.test", "arc", Algorithm.ED25519_SHA256);
    private static final String BODY = "To: bob@example.net\r\nSubject: figures\r\n\r\nHello\r\n";
    private static final SenderChecks BOTH = new SenderChecks("", Duration.ofSeconds(2), false, false,
            Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(36), "", true, true, true, io.sluice.config.ArcSealing.OFF, "");
    private static TestNameServer dns;
    private static DnsClient client;

    private int percentile;
    private DmarcSettings dmarcSettings = DmarcSettings.DEFAULT;

    @BeforeAll
    static void start() throws IOException {
        dns = TestNameServer.zones().zone("auth.test", "sel._domainkey IN TXT \"" + KEY.txtRecord() + "\"\n" + """
                _dmarc IN TXT "v=DMARC1; p=reject"
                _dmarc.q IN TXT "v=DMARC1; p=quarantine"
                _dmarc.half IN TXT "v=DMARC1; p=reject; pct=50"
                _dmarc.rua IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@auth.test"
                """).zone("plain.test", "host IN A 192.0.2.1\n")
                .zone("lists.test", "arc._domainkey IN TXT \"" + SEALER.txtRecord() + "\"\n").start();
        client = new DnsClient(List.of(dns.address()), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws IOException {
        dns.close();
    }

    private static String signed(String from) throws Exception {
        String message = "From: " + from + "\r\n" + BODY;
        return new DkimSigner(CLOCK).sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), KEY,
                Canonicalization.RELAXED, Canonicalization.RELAXED) + message;
    }

    /** The first 8 characters of the b= tag (header.b, RFC 6008). */
    private static String headerB(String message) {
        Matcher b = Pattern.compile("(?<![a-z])b=([^;]*)").matcher(message.substring(0, message.indexOf("\r\nFrom:")));
        assertTrue(b.find());
        return b.group(1).replaceAll("\\s", "").substring(0, 8);
    }

    private EndOfData check(String content, SenderChecks checks, Attributes spf, RuleSpec... rules) {
        return check(content, checks, spf, null, rules);
    }

    private EndOfData check(String content, SenderChecks checks, Attributes spf, String authUser, RuleSpec... rules) {
        ClientInfo client = new ClientInfo("198.51.100.7", 40000, "192.0.2.10", 25, "client.example", true,
                "gateway.test", Instant.EPOCH, null, null, authUser);
        Transaction tx = new Transaction("06H2ABCDEFGHJKMN", client, "ann@auth.test", Map.of(),
                List.of(new Recipient("bob@example.net", Map.of())), spf, Instant.EPOCH);
        EndOfData m = new EndOfData(tx, Messages.inMemory(content), TestPolicies.of("Default", rules),
                RuntimeSettings.DEFAULT.with(checks).with(dmarcSettings), new StageClock());
        new AuthenticateMessage(() -> AuthenticateMessageTest.client, ClientInfo::authenticated, CLOCK, () -> percentile)
                .apply(m);
        return m;
    }

    private EndOfData check(String content) {
        return check(content, BOTH, Attributes.NONE);
    }

    @Test
    void anAlignedValidSignaturePassesDkimAndDmarc() throws Exception {
        String message = signed("Ann <ann@auth.test>");
        EndOfData m = check(message);
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=pass header.d=auth.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=pass header.from=auth.test\r\n", m.authResults.field());
        assertEquals(List.of("pass"), m.message.dkim());
        assertEquals("pass", m.message.dmarc());
        assertNull(m.message.dmarcDisposition());
        assertEquals("pass d=auth.test s=sel", m.message.trackedDkim());
        assertEquals("pass", m.message.trackedDmarc());
        assertTrue(m.clock.authentication().toNanos() > 0);
    }

    @Test
    void anAlteredBodyFailsDkimAndDmarcWithTheDomainsRejectPolicy() throws Exception {
        String message = signed("ann@auth.test").replace("Hello", "Hallo");
        EndOfData m = check(message);
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=fail header.d=auth.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=fail header.from=auth.test\r\n", m.authResults.field());
        assertEquals(List.of("fail"), m.message.dkim());
        assertEquals("reject", m.message.dmarcDisposition());
        assertEquals("fail d=auth.test s=sel", m.message.trackedDkim());
        assertEquals("fail reject", m.message.trackedDmarc());
    }

    @Test
    void anUnsignedMessageOfASubdomainGetsItsOwnQuarantinePolicy() {
        EndOfData m = check("From: ann@q.auth.test\r\n" + BODY);
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=none;\r\n\tdmarc=fail header.from=q.auth.test\r\n",
                m.authResults.field());
        assertEquals(List.of("none"), m.message.dkim());
        assertEquals("quarantine", m.message.dmarcDisposition());
        assertEquals("none", m.message.trackedDkim());
        assertEquals("fail quarantine", m.message.trackedDmarc());
    }

    @Test
    void pctLeavesOutMessagesThatGetOneStepMilder() {
        percentile = 49;
        assertEquals("fail reject", check("From: ann@half.auth.test\r\n" + BODY).message.trackedDmarc());
        percentile = 50;
        assertEquals("fail quarantine", check("From: ann@half.auth.test\r\n" + BODY).message.trackedDmarc());
    }

    @Test
    void anAlignedSpfPassOfMailPassesDmarcAndStandsFirst() {
        Attributes spf = Attributes.of(MailPhase.SPF, "pass").with(MailPhase.SPF_DOMAIN, "mail.auth.test");
        EndOfData m = check("From: ann@auth.test\r\n" + BODY, BOTH, spf);
        assertEquals("Authentication-Results: gateway.test;\r\n\tspf=pass smtp.mailfrom=mail.auth.test;\r\n\tdkim=none;\r\n"
                + "\tdmarc=pass header.from=auth.test\r\n", m.authResults.field());
        Attributes spfFail = Attributes.of(MailPhase.SPF, "fail").with(MailPhase.SPF_DOMAIN, "mail.auth.test");
        assertEquals("fail reject", check("From: ann@auth.test\r\n" + BODY, BOTH, spfFail).message.trackedDmarc());
    }

    @Test
    void aDomainWithoutARecordIsNoneItsSubdomainFallsBackAndAnUnanswerableOneIsTemperror() throws Exception {
        EndOfData none = check("From: ann@plain.test\r\n" + BODY);
        assertEquals(List.of("dkim=none", "dmarc=none header.from=plain.test"), none.authResults.results());
        assertNull(none.message.dmarcDisposition());
        // a subdomain without a record of its own has its organisational domain's (RFC 7489 §6.6.3)
        assertEquals("fail reject", check("From: ann@other.auth.test\r\n" + BODY).message.trackedDmarc());
        // the server refuses questions outside its zone: no answer, so a temporary error
        String outside = signed("ann@auth.test").replace("d=auth.test", "d=outside.example")
                .replace("From: ann@auth.test", "From: ann@outside.example");
        EndOfData temp = check(outside);
        assertEquals(List.of("dkim=temperror header.d=outside.example header.s=sel header.b=" + headerB(outside),
                "dmarc=temperror header.from=outside.example"), temp.authResults.results());
        assertEquals("temperror d=outside.example s=sel", temp.message.trackedDkim());
        assertEquals("temperror", temp.message.trackedDmarc());
    }

    @Test
    void dkimAloneAddsNoDmarcAndNeitherAddsNothing() throws Exception {
        String message = signed("ann@auth.test");
        SenderChecks dkimOnly = new SenderChecks("", Duration.ofSeconds(2), false, false, Duration.ofMinutes(5),
                Duration.ofHours(4), Duration.ofDays(36), "", true, true, false, io.sluice.config.ArcSealing.OFF, "");
        EndOfData m = check(message, dkimOnly, Attributes.NONE);
        assertEquals(List.of("dkim=pass header.d=auth.test header.s=sel header.b=" + headerB(message)), m.authResults.results());
        assertNull(m.message.dmarc());
        assertNull(m.message.trackedDmarc());
        EndOfData off = check(message, SenderChecks.DEFAULT, Attributes.NONE);
        assertTrue(off.authResults.isEmpty());
        assertNull(off.message.dkim());
        assertNull(off.message.trackedDkim());
        assertNull(off.clock.authentication());
    }

    @Test
    void anArrivingArcChainIsReportedAfterDkim() throws Exception {
        String message = signed("ann@auth.test");
        String sealed = new io.sluice.arc.ArcSealer(CLOCK).seal(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
                KEY, "mx.auth.test", "dkim=pass header.d=auth.test", io.sluice.arc.ArcResult.NONE) + message;
        assertEquals(List.of("dkim=pass header.d=auth.test header.s=sel header.b=" + headerB(message), "arc=pass",
                "dmarc=pass header.from=auth.test"), check(sealed).authResults.results());
        assertEquals(List.of("dkim=fail header.d=auth.test header.s=sel header.b=" + headerB(message), "arc=fail",
                "dmarc=fail header.from=auth.test"), check(sealed.replace("Hello", "Hallo")).authResults.results());
    }

    @Test
    void theGatewaysOwnOutboundMailIsNotChecked() {
        // unsigned until SignDkim: checked here, every domain of ours with p=reject would fail
        EndOfData m = check("From: ann@auth.test\r\n" + BODY, BOTH, Attributes.NONE, "ann");
        assertTrue(m.authResults.isEmpty());
        assertNull(m.message.dkim());
        assertNull(m.message.dmarc());
        assertNull(m.message.trackedDmarc());
    }

    @Test
    void aPolicyActsOnTheResultsAtDecide() throws Exception {
        RuleSpec reject = new RuleSpec("DMARC reject", new FilterSpec(FilterType.DMARC, null, "reject", null, false, false),
                List.of(new ActionSpec(ActionType.REJECT, 550, "5.7.1", "Rejected by the DMARC policy", null, null, null, null, null)));
        EndOfData refused = check(signed("ann@auth.test").replace("Hello", "Hallo"), BOTH, Attributes.NONE, reject);
        new Decide().apply(refused);
        assertEquals("550 5.7.1 Rejected by the DMARC policy", refused.reply().toString());
        EndOfData passed = check(signed("ann@auth.test"), BOTH, Attributes.NONE, reject);
        new Decide().apply(passed);
        assertFalse(passed.settled());
    }

    private static DmarcSettings overrides(String domains, String forwarders, String sealers) {
        return new DmarcSettings(false, "", "", Duration.ofDays(1), domains, forwarders, sealers);
    }

    @Test
    void aTrustedForwardersFailureKeepsItsStatusButNoRuleActsOnIt() throws Exception {
        RuleSpec reject = new RuleSpec("DMARC reject", new FilterSpec(FilterType.DMARC, null, "reject", null, false, false),
                List.of(new ActionSpec(ActionType.REJECT, 550, "5.7.1", "Rejected by the DMARC policy", null, null, null, null, null)));
        dmarcSettings = overrides("", "203.0.113.0/24, 198.51.100.0/25", "");
        String message = signed("ann@auth.test").replace("Hello", "Hallo");
        EndOfData m = check(message, BOTH, Attributes.NONE, reject);
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=fail header.d=auth.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=fail (overridden: trusted_forwarder) header.from=auth.test\r\n",
                m.authResults.field());
        assertEquals("fail", m.message.dmarc());
        assertEquals("none", m.message.dmarcDisposition());
        assertEquals("fail none (overridden: trusted_forwarder)", m.message.trackedDmarc());
        new Decide().apply(m);
        assertFalse(m.settled(), "the DMARC reject rule does not fire");

        dmarcSettings = overrides("", "198.51.100.128/25", "");
        EndOfData other = check(message, BOTH, Attributes.NONE, reject);
        assertEquals("fail reject", other.message.trackedDmarc(), "a client outside the forwarders' networks");
        new Decide().apply(other);
        assertEquals("550 5.7.1 Rejected by the DMARC policy", other.reply().toString());
    }

    @Test
    void anAuthorDomainNotEnforcedWithItsSubdomains() {
        dmarcSettings = overrides("Auth.Test", "", "");
        EndOfData m = check("From: ann@q.auth.test\r\n" + BODY);
        assertEquals(List.of("dkim=none", "dmarc=fail (overridden: local_policy) header.from=q.auth.test"), m.authResults.results());
        assertEquals("fail none (overridden: local_policy)", m.message.trackedDmarc());
        dmarcSettings = overrides("example.auth.test", "", "");
        assertEquals("fail quarantine", check("From: ann@q.auth.test\r\n" + BODY).message.trackedDmarc());
    }

    @Test
    void aPassingArcChainOfATrustedSealerOverridesAFailure() throws Exception {
        // a list changed the message, which broke the author's signature, and sealed what it had seen
        String changed = signed("ann@auth.test").replace("Hello", "Hallo");
        String sealed = new io.sluice.arc.ArcSealer(CLOCK).seal(new ByteArrayInputStream(changed.getBytes(StandardCharsets.US_ASCII)),
                SEALER, "mx.lists.test", "dkim=pass header.d=auth.test; dmarc=pass", io.sluice.arc.ArcResult.NONE) + changed;
        dmarcSettings = overrides("", "", "lists.test");
        EndOfData m = check(sealed);
        assertEquals(List.of("dkim=fail header.d=auth.test header.s=sel header.b=" + headerB(changed), "arc=pass",
                "dmarc=fail (overridden: local_policy, arc=pass as=1 d=lists.test) header.from=auth.test"), m.authResults.results());
        assertEquals("none", m.message.dmarcDisposition());
        dmarcSettings = overrides("", "", "other.test");
        assertEquals("fail reject", check(sealed).message.trackedDmarc(), "a sealer nobody trusts");
    }

    @Test
    void whileReportsAreOnEachMessageOfADomainWithRuaGetsItsRow() {
        dmarcSettings = new DmarcSettings(true, "dmarc@gateway.test", "Gateway", Duration.ofDays(1), "", "198.51.100.0/24", "");
        EndOfData m = check("From: ann@rua.auth.test\r\n" + BODY, BOTH,
                Attributes.of(MailPhase.SPF, "softfail").with(MailPhase.SPF_DOMAIN, "auth.test"));
        assertEquals(new io.sluice.dmarc.report.ReportRow("rua.auth.test", "198.51.100.7", "rua.auth.test", "auth.test",
                "none", "fail", "fail", "trusted_forwarder", null, List.of(), "auth.test", "mfrom", "softfail",
                new io.sluice.dmarc.report.ReportRow.Published("reject", "reject", 100, "r", "r", List.of("mailto:dmarc@auth.test"))),
                m.reportRow);
        // counted once the message is settled, not when a 4xx makes the client send it again
        List<io.sluice.dmarc.report.ReportRow> counted = new java.util.ArrayList<>();
        CountReportRow count = new CountReportRow((row, at) -> counted.add(row), CLOCK);
        m.settle(MessageLedger.Outcome.DEFERRED, GatewayReplies.queued(m.tx.queueId()), null);
        count.apply(m);
        assertEquals(List.of(), counted);
        m.settle(MessageLedger.Outcome.DELIVERED, GatewayReplies.queued(m.tx.queueId()), null);
        count.apply(m);
        assertEquals(List.of(m.reportRow), counted);
        assertNull(check("From: ann@auth.test\r\n" + BODY).reportRow, "no rua=: nothing to report");
        dmarcSettings = overrides("", "", "");
        assertNull(check("From: ann@rua.auth.test\r\n" + BODY).reportRow, "reports off");
    }
}
