package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.Decision;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.config.InternalNetworks;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SenderChecks;
import io.sluice.greylist.GreylistStore;
import io.sluice.persistence.TestDatabase;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.TestPolicies;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The greylisting step: its exact reply, and whom it never defers (over H2, on a fixed clock). */
class GreylistingTest {

    private static final PolicyRules INBOUND = TestPolicies.of(1, "Inbound");
    private static final SenderChecks ON = new SenderChecks("", Duration.ofSeconds(3), true, true, Duration.ofMinutes(5),
            Duration.ofHours(4), Duration.ofDays(36), "partner.example, 203.0.113.0/24", true, false, false,
            io.sluice.config.ArcSealing.OFF, "");

    private static Transaction tx(String address, String sender, String authUser, Attributes attributes) {
        ClientInfo client = new ClientInfo(address, 40000, "192.0.2.10", 25, "client.example", true, "gateway.test",
                Instant.EPOCH, null, null, authUser);
        return new Transaction("06H2ABCDEFGHJKMN", client, sender, Map.of(), List.of(), attributes, Instant.EPOCH);
    }

    private static Decision apply(Greylisting step, Transaction tx) {
        return step.apply(new RcptPhase.Rcpt(tx, Recipient.of("bob@example.com"), INBOUND, null));
    }

    @Test
    void deferredWithTheExactReplyUnlessExempt() throws Exception {
        try (TestDatabase db = TestDatabase.open("h2", null)) {
            RuntimeSettings d = RuntimeSettings.DEFAULT;
            RuntimeSettings s = new RuntimeSettings(d.general(), d.virus(), d.spam(), d.scanning(), d.retention(),
                    d.notifications(), d.connections(), InternalNetworks.of(List.of("10.1.0.0/16")), ON, List.of(), d.dmarc());
            Greylisting step = new Greylisting(new GreylistStore(db.dataSource()), () -> s,
                    Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));
            assertEquals(Decision.temporaryFailure(Greylisting.deferred("bob@example.com")),
                    apply(step, tx("198.51.100.7", "ann@example.org", null, Attributes.NONE)));
            assertEquals("451 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted, try again later",
                    Greylisting.deferred("bob@example.com").toWire());
            assertNull(apply(step, tx("198.51.100.8", "ann@example.org", "ann", Attributes.NONE)), "authenticated");
            assertNull(apply(step, tx("10.1.2.3", "ann@example.org", null, Attributes.NONE)), "internal network");
            assertNull(apply(step, tx("203.0.113.5", "ann@example.org", null, Attributes.NONE)), "exempt network");
            assertNull(apply(step, tx("198.51.100.9", "ann@mx.partner.example", null, Attributes.NONE)), "exempt domain");
            assertNull(apply(step, tx("198.51.100.9", "ann@example.org", null, Attributes.of(MailPhase.SPF, "pass"))),
                    "SPF pass");
            assertEquals(Decision.temporaryFailure(Greylisting.deferred("bob@example.com")), apply(step,
                    tx("198.51.100.9", "ann@example.org", null, Attributes.of(MailPhase.SPF, "softfail"))));
        }
    }

    @Test
    void theTransactionCarriesItsRecipientsStrongestResult() throws Exception {
        try (TestDatabase db = TestDatabase.open("h2", null)) {
            RuntimeSettings s = withChecks(ON);
            GreylistStore store = new GreylistStore(db.dataSource());
            Instant first = Instant.parse("2026-11-30T08:00:00Z");
            Greylisting now = new Greylisting(store, () -> s, Clock.fixed(first, ZoneOffset.UTC));
            Greylisting later = new Greylisting(store, () -> s, Clock.fixed(first.plusSeconds(301), ZoneOffset.UTC));
            List<PhaseStep<RcptPhase.Rcpt>> accepting = List.of(later, r -> Decision.ACCEPT);
            Transaction tx = tx("198.51.100.7", "ann@example.org", null, Attributes.NONE);

            assertEquals(Decision.temporaryFailure(Greylisting.deferred("bob@example.com")), apply(now, tx));
            Decision retry = RcptPhase.decide(accepting, new RcptPhase.Rcpt(tx, Recipient.of("bob@example.com"), INBOUND, null));
            assertEquals(Attributes.of(Greylisting.RESULT, "passed").with(RcptPhase.BOUND_POLICY, 1L)
                    .with(RcptPhase.SENDER_ALLOWED, false), retry.attributes());
            // a later recipient of the same transaction that is only "known" leaves it "passed"
            Transaction after = tx("198.51.100.7", "ann@example.org", null, retry.attributes());
            Decision known = RcptPhase.decide(accepting, new RcptPhase.Rcpt(after, Recipient.of("bob@example.com"), INBOUND, null));
            assertNull(known.attributes().get(Greylisting.RESULT));
            // alone, the same recipient is "known"; an exempt one is "exempt"
            assertEquals("known", RcptPhase.decide(accepting, new RcptPhase.Rcpt(tx, Recipient.of("bob@example.com"),
                    INBOUND, null)).attributes().get(Greylisting.RESULT));
            assertEquals("exempt", RcptPhase.decide(accepting, new RcptPhase.Rcpt(
                    tx("203.0.113.5", "ann@example.org", null, Attributes.NONE), Recipient.of("bob@example.com"),
                    INBOUND, null)).attributes().get(Greylisting.RESULT));
            // greylisting off: no result at all
            Greylisting off = new Greylisting(store, () -> RuntimeSettings.DEFAULT, Clock.fixed(first, ZoneOffset.UTC));
            assertEquals(Attributes.NONE.with(RcptPhase.BOUND_POLICY, 1L).with(RcptPhase.SENDER_ALLOWED, false),
                    RcptPhase.decide(List.of(off, r -> Decision.ACCEPT), new RcptPhase.Rcpt(tx,
                            Recipient.of("carol@example.com"), INBOUND, null)).attributes());
        }
    }

    private static RuntimeSettings withChecks(SenderChecks checks) {
        RuntimeSettings d = RuntimeSettings.DEFAULT;
        return new RuntimeSettings(d.general(), d.virus(), d.spam(), d.scanning(), d.retention(),
                d.notifications(), d.connections(), InternalNetworks.of(List.of("10.1.0.0/16")), checks, List.of(), d.dmarc());
    }
}
