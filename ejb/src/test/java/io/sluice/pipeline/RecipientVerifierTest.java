package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Reply;
import io.sluice.api.Transaction;
import io.sluice.config.NodeProperties;
import io.sluice.downstream.ScriptedDownstream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The downstream's answers about recipients are reused for the cache time, on the verifier's clock. */
class RecipientVerifierTest {

    static final Reply OK = Reply.of(250, "2.1.5", "Ok");
    static final Reply UNKNOWN = Reply.of(550, "5.1.1", "<nobody@example.com>: Recipient address rejected: User unknown");

    private final ScriptedDownstream downstream = new ScriptedDownstream();
    private long now = 5_000_000_000L;
    private final RecipientVerifier verifier = new RecipientVerifier();

    RecipientVerifierTest() {
        verifier.downstream = downstream;
        verifier.node = new NodeProperties("gateway.test", true, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofMinutes(10), null, null);
        verifier.nanoClock = () -> now;
        verifier.start();
    }

    static Transaction from(String clientAddress, String sender) {
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        return new Transaction("Q1", new ClientInfo(clientAddress, 40000, "127.0.0.1", 25, "client.example", true,
                "gateway.test", t, null, null, null), sender, Map.of(), List.of(Recipient.of("bob@example.com")), Attributes.NONE, t);
    }

    @Test
    void anAnswerIsReusedForTheSameQuestionUntilItIsTooOld() {
        downstream.answers.addAll(List.of(OK, OK));
        Transaction tx = from("192.0.2.1", "ann@example.org");
        assertEquals(OK, verifier.verify(tx, "bob@example.com"));
        now += Duration.ofSeconds(60).toNanos() - 1;
        assertEquals(OK, verifier.verify(tx, "bob@example.com"));
        assertEquals(1, downstream.calls);
        now += 1;
        assertEquals(OK, verifier.verify(tx, "bob@example.com"));
        assertEquals(2, downstream.calls, "asked again once the answer is a minute old");
    }

    @Test
    void anAcceptanceIsNotReusedForAnotherSenderButAnUnknownMailboxIsForAnyone() {
        downstream.answers.addAll(List.of(OK, OK, UNKNOWN));
        assertEquals(OK, verifier.verify(from("192.0.2.1", "ann@example.org"), "bob@example.com"));
        assertEquals(OK, verifier.verify(from("192.0.2.2", "carl@example.org"), "bob@example.com"));
        assertEquals(2, downstream.calls);
        assertEquals(UNKNOWN, verifier.verify(from("192.0.2.1", "ann@example.org"), "nobody@example.com"));
        assertEquals(UNKNOWN, verifier.verify(from("198.51.100.9", "dan@example.net"), "nobody@example.com"));
        assertEquals(3, downstream.calls);
    }
}
