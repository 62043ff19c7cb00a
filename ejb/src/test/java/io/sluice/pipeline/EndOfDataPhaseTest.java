package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.FilterSpec;
import io.sluice.policy.FilterType;
import io.sluice.policy.PolicyRules;
import io.sluice.policy.RuleSpec;
import io.sluice.policy.TestPolicies;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.config.ScanLimits;
import io.sluice.scan.ScanResult;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The end-of-data steps and their order, on real messages and policies, without a server. */
class EndOfDataPhaseTest {

    private static final String MESSAGE = "From: a@example.org\r\nSubject: quarterly figures\r\n"
            + "X-Spam-Score: -100\r\n\r\nHello\r\n";
    private static final RuntimeSettings SETTINGS = RuntimeSettings.DEFAULT;

    private final List<String> ran = new ArrayList<>();

    private static EndOfData message(String content, RuleSpec... rules) throws IOException {
        ClientInfo client = new ClientInfo("198.51.100.7", 40000, "192.0.2.10", 25, "client.example", true,
                "gateway.test", Instant.EPOCH, null, null, null);
        Transaction tx = new Transaction("06H2ABCDEFGHJKMN", client, "a@example.org", Map.of(),
                List.of(new Recipient("bob@example.com", Map.of())), io.sluice.api.Attributes.NONE, Instant.EPOCH);
        PolicyRules policy = TestPolicies.of("Default", rules);
        EndOfData m = new EndOfData(tx, Messages.inMemory(content), policy, SETTINGS, new StageClock());
        m.message.attach(new ScanResult(new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn())
                .analyze(m.message.content()), List.of(), null, List.of("test"), List.of()));
        return m;
    }

    private static RuleSpec always(ActionSpec... actions) {
        return new RuleSpec("always", FilterSpec.ALWAYS, List.of(actions));
    }

    private EndOfDataStep step(String name) {
        return m -> ran.add(name);
    }

    private EndOfDataStep settling(String name) {
        return m -> {
            ran.add(name);
            m.settle(Outcome.DELIVERED, Reply.of(250, "2.0.0", "Ok: " + name), null);
        };
    }

    @Test
    void theStepsRunInOrderUntilOneSettlesTheMessageAndThenRecordingAlways() throws IOException {
        Reply reply = EndOfDataPhase.run(message(MESSAGE), List.of(step("analyse"), settling("decide"), step("deliver")),
                List.of(step("record"), step("notify")));

        assertEquals(List.of("analyse", "decide", "record", "notify"), ran);
        assertEquals("250 2.0.0 Ok: decide", reply.toString());
    }

    /** A downstream session that records what the steps do with it. */
    private final class RecordedSession extends io.sluice.downstream.UnexpectedRelayConnection {
        @Override
        public void readyFor(io.sluice.api.ClientOrigin client) {
            ran.add("readyFor " + client.address());
        }

        @Override
        public void advance() {
            ran.add("advance");
        }

        @Override
        public void close() {
            ran.add("close");
        }
    }

    private EndOfDataStep ready() {
        return m -> {
            RecordedSession s = new RecordedSession();
            s.readyFor(io.sluice.api.ClientOrigin.of(m.tx.client()));
            m.readied(s);
        };
    }

    @Test
    void aReadiedSessionMovesOnAfterEachStepAndGoesBackUnusedWhenTheMessageIsNotDelivered() throws IOException {
        EndOfDataPhase.run(message(MESSAGE), List.of(ready(), step("analyse"), settling("reject"), step("deliver")),
                List.of(step("record")));

        assertEquals(List.of("readyFor 198.51.100.7", "advance", "analyse", "advance", "reject", "close", "record"), ran);
    }

    @Test
    void theDeliveryTakesTheReadiedSessionAndNothingElseClosesIt() throws IOException {
        EndOfDataStep deliver = m -> {
            ran.add("deliver with " + (m.takeDownstream() instanceof RecordedSession ? "the readied session" : "none"));
            m.settle(Outcome.DELIVERED, Reply.of(250, "2.0.0", "Ok"), null);
        };
        EndOfDataPhase.run(message(MESSAGE), List.of(ready(), step("analyse"), deliver), List.of(step("record")));

        assertEquals(List.of("readyFor 198.51.100.7", "advance", "analyse", "advance", "deliver with the readied session",
                "record"), ran);
    }

    @Test
    void aMessageNoStepSettlesIsAnErrorNotASilentAnswer() throws IOException {
        EndOfData m = message(MESSAGE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EndOfDataPhase.run(m, List.of(step("analyse")), List.of(step("record"))));
        assertEquals("06H2ABCDEFGHJKMN: no step settled the message", e.getMessage());
        assertEquals(List.of("analyse"), ran);
    }

    @Test
    void aRejectingRuleSettlesTheMessageWithItsOwnReply() throws IOException {
        EndOfData m = message(MESSAGE, always(new ActionSpec(ActionType.REJECT, 550, "5.7.1", "Not here", null, null,
                null, null, null)));
        new Decide().apply(m);
        assertEquals(Outcome.REJECTED, m.outcome());
        assertEquals("550 5.7.1 Not here", m.reply().toString());
    }

    @Test
    void aDroppedMessageIsAcceptedWithItsQueueId() throws IOException {
        EndOfData m = message(MESSAGE, always(new ActionSpec(ActionType.DROP, null, null, null, null, null, null, null,
                null)));
        new Decide().apply(m);
        assertFalse(m.settled());
        new Drop().apply(m);
        assertEquals(Outcome.DROPPED, m.outcome());
        assertEquals("250 2.0.0 Ok: queued as 06H2ABCDEFGHJKMN", m.reply().toString());
    }

    @Test
    void aCleanMessageWithoutEditsLeavesWithTheGatewaysFieldsInFrontAndItsOwnOctetsUntouched() throws IOException {
        EndOfData m = message(MESSAGE.replace("X-Spam-Score: -100\r\n", ""));
        new Decide().apply(m);
        m.prefix = "X-Sluice-Verdict: clean\r\n".getBytes(StandardCharsets.US_ASCII);
        new ForgedVerdicts().apply(m);
        new EditHeaders().apply(m);

        assertFalse(m.settled());
        assertEquals("X-Sluice-Verdict: clean\r\n" + MESSAGE.replace("X-Spam-Score: -100\r\n", ""), delivered(m));
    }

    @Test
    void aVerdictFieldTheSenderForgedIsRemovedAndThePolicysEditsFollow() throws IOException {
        EndOfData m = message(MESSAGE, always(ActionSpec.addHeader("X-Board", "yes")));
        new Decide().apply(m);
        new ForgedVerdicts().apply(m);
        assertEquals(List.of(ActionSpec.removeHeader("X-Spam-Score")), m.headerEdits);
        new EditHeaders().apply(m);

        assertEquals("From: a@example.org\r\nSubject: quarterly figures\r\nX-Board: yes\r\n\r\nHello\r\n", delivered(m));
    }

    @Test
    void withoutAScanThereIsNoDecisionToNotifyAbout() throws IOException {
        EndOfData m = message(MESSAGE);
        m.settle(Outcome.DEFERRED, GatewayReplies.NOT_SCANNED, null);
        new SendNotifications(null).apply(m); // no notifier is needed: nothing is sent
        assertNull(m.disposition);
        assertEquals("451 4.3.0 Error: the message could not be scanned now, try again later", m.reply().toString());
    }

    private static String delivered(EndOfData m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.outgoing.writeTo(out);
        assertEquals(m.outgoing.size(), out.size());
        return out.toString(StandardCharsets.UTF_8);
    }
}
