package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.Decision;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.config.Connections;
import io.sluice.limit.RateWindows;
import io.sluice.mailbox.SenderLists;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.TestPolicies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The connect and RCPT steps alone and in their phases' order, without a container. */
class PhaseStepsTest {

    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", 40000, "192.0.2.10", 25, "client.example",
            true, "gateway.test", Instant.EPOCH, null, null, null);
    private static final PolicyRules INBOUND = TestPolicies.of(1, "Inbound");
    private static final PolicyRules EXECUTIVES = TestPolicies.of(2, "Executives");
    private static final Reply VERIFIED = Reply.of(250, "2.1.5", "Ok");

    private final AtomicLong nanos = new AtomicLong();

    private static Connections limits(int maxTotal, int maxPerAddress, int connections, int messages, int recipients) {
        return new Connections(maxTotal, maxPerAddress, connections, messages, recipients, Duration.ofSeconds(60), 0,
                Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(600));
    }

    private static Transaction tx(Attributes attributes, String... recipients) {
        List<Recipient> list = new ArrayList<>();
        for (String r : recipients) {
            list.add(Recipient.of(r));
        }
        return new Transaction("06H2ABCDEFGHJKMN", CLIENT, "a@example.org", Map.of(), list, attributes, Instant.EPOCH);
    }

    @Test
    void connectionLimitsCloseWithA421NamingTheLimit() {
        ConnectionLimits step = new ConnectionLimits(new RateWindows(nanos::get));
        Connections c = limits(10, 2, 3, 0, 0);
        assertEquals(Decision.disconnect(Reply.of(421, "4.7.0", "Error: too many connections; try again later")),
                step.apply(new ConnectPhase.Connect(CLIENT, 1, 11, c)));
        assertEquals(Decision.disconnect(Reply.of(421, "4.7.0",
                        "Error: too many connections from 198.51.100.7; try again later")),
                step.apply(new ConnectPhase.Connect(CLIENT, 3, 5, c)));
        for (int i = 0; i < 3; i++) {
            assertNull(step.apply(new ConnectPhase.Connect(CLIENT, 1, 1, c)));
        }
        assertEquals(Decision.disconnect(Reply.of(421, "4.7.0",
                        "Error: too many connections from 198.51.100.7 in 60 s; try again later")),
                step.apply(new ConnectPhase.Connect(CLIENT, 1, 1, c)));
        nanos.addAndGet(Duration.ofSeconds(61).toNanos()); // a new window
        assertNull(step.apply(new ConnectPhase.Connect(CLIENT, 1, 1, c)));
    }

    @Test
    void recipientRatesCountMessagesAtTheFirstRecipientAndEveryRecipient() {
        RecipientRates step = new RecipientRates(new RateWindows(nanos::get), new RateWindows(nanos::get));
        Connections c = limits(0, 0, 0, 1, 3);
        assertNull(step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("b@example.com"), INBOUND, c)));
        assertNull(step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE, "b@example.com"), Recipient.of("c@example.com"),
                INBOUND, c)));
        assertEquals(Decision.temporaryFailure(Reply.of(450, "4.7.1",
                        "Error: too many messages from 198.51.100.7; try again later")),
                step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("b@example.com"), INBOUND, c)));
        assertNull(step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE, "b@example.com", "c@example.com"),
                Recipient.of("d@example.com"), INBOUND, c)));
        assertEquals(Decision.temporaryFailure(Reply.of(452, "4.5.3",
                        "Error: too many recipients from 198.51.100.7; try again later")),
                step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE, "b@example.com"), Recipient.of("e@example.com"),
                        INBOUND, c)));
    }

    @Test
    void aRecipientUnderAnotherPolicyWaitsForANewTransaction() {
        OnePolicyPerTransaction step = new OnePolicyPerTransaction();
        Connections c = limits(0, 0, 0, 0, 0);
        Attributes boundToInbound = Attributes.of(RcptPhase.BOUND_POLICY, 1L);
        assertNull(step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("ceo@example.com"), EXECUTIVES, c)));
        assertNull(step.apply(new RcptPhase.Rcpt(tx(boundToInbound, "b@example.com"), Recipient.of("c@example.com"),
                INBOUND, c)));
        assertEquals(Decision.temporaryFailure(Reply.of(452, "4.5.3",
                        "Error: <ceo@example.com> is under another policy; send to it in a new transaction")),
                step.apply(new RcptPhase.Rcpt(tx(boundToInbound, "b@example.com"), Recipient.of("ceo@example.com"),
                        EXECUTIVES, c)));
    }

    @Test
    void theFirstStepThatDecidesEndsTheRcptPhaseAndAnAcceptBindsThePolicy() {
        List<String> ran = new ArrayList<>();
        PhaseStep<RcptPhase.Rcpt> looks = r -> {
            ran.add("looks");
            return null;
        };
        PhaseStep<RcptPhase.Rcpt> verifies = r -> {
            ran.add("verifies");
            return Decision.accept(VERIFIED);
        };
        Connections c = limits(0, 0, 0, 0, 0);
        Decision accepted = RcptPhase.decide(List.of(looks, new OnePolicyPerTransaction(), verifies),
                new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("ceo@example.com"), EXECUTIVES, c));
        assertEquals(new Decision.Accept(VERIFIED, Attributes.of(RcptPhase.BOUND_POLICY, 2L)
                .with(RcptPhase.SENDER_ALLOWED, false)), accepted);
        assertEquals(List.of("looks", "verifies"), ran);

        ran.clear();
        Decision refused = RcptPhase.decide(List.of(looks, new OnePolicyPerTransaction(), verifies),
                new RcptPhase.Rcpt(tx(Attributes.of(RcptPhase.BOUND_POLICY, 1L), "b@example.com"),
                        Recipient.of("ceo@example.com"), EXECUTIVES, c));
        assertEquals(452, refused.reply().code());
        assertEquals(Attributes.NONE, refused.attributes());
        assertEquals(List.of("looks"), ran); // verification is not asked for a recipient refused before it
    }

    @Test
    void theRecipientsOwnListsBlockASenderAndKeepAllowingAndOtherRecipientsApart() {
        PersonalSenderLists step = new PersonalSenderLists();
        Connections c = limits(0, 0, 0, 0, 0);
        assertEquals(new Decision.Reject(Reply.of(550, "5.7.1", "Error: <b@example.com> does not take mail from <"
                        + tx(Attributes.NONE).sender() + ">")),
                step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("b@example.com"), INBOUND, c,
                        SenderLists.Kind.BLOCK)));
        assertNull(step.apply(new RcptPhase.Rcpt(tx(Attributes.NONE), Recipient.of("b@example.com"), INBOUND, c,
                SenderLists.Kind.ALLOW)));
        Transaction allowing = tx(Attributes.of(RcptPhase.SENDER_ALLOWED, true), "b@example.com");
        assertNull(step.apply(new RcptPhase.Rcpt(allowing, Recipient.of("c@example.com"), INBOUND, c,
                SenderLists.Kind.ALLOW)));
        assertEquals(new Decision.TemporaryFailure(Reply.of(452, "4.5.3", "Error: <c@example.com> does not allow this "
                        + "sender, unlike the other recipients; send to it in a new transaction")),
                step.apply(new RcptPhase.Rcpt(allowing, Recipient.of("c@example.com"), INBOUND, c, null)));
        Transaction notAllowing = tx(Attributes.of(RcptPhase.SENDER_ALLOWED, false), "b@example.com");
        assertEquals(452, step.apply(new RcptPhase.Rcpt(notAllowing, Recipient.of("c@example.com"), INBOUND, c,
                SenderLists.Kind.ALLOW)).reply().code());
    }
}
