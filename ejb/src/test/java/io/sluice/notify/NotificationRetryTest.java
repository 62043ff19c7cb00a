package io.sluice.notify;

import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.downstream.ScriptedDownstream;
import io.sluice.time.TestPauser;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notification the mail server cannot take now is tried again after 2 s, 10 s and a minute,
 * then given up; one it refuses for good is not tried again. The waits are seen, not waited for.
 */
class NotificationRetryTest {

    static final RelayResult DELIVERED = new RelayResult(Reply.of(250, "2.1.0", "Ok"), List.of(Reply.of(250, "2.1.5", "Ok")),
            Reply.of(354, null, "go ahead"), Reply.of(250, "2.0.0", "Ok: queued"));
    static final RelayResult LATER = new RelayResult(Reply.of(451, "4.3.0", "try again later"), List.of(), null, null);
    static final RelayResult NEVER = new RelayResult(Reply.of(250, "2.1.0", "Ok"),
            List.of(Reply.of(550, "5.1.1", "no such user")), null, null);
    static final ResourceException UNREACHABLE = new ResourceException("connection refused");

    private final ScriptedDownstream downstream = new ScriptedDownstream();
    private final TestPauser pauser = new TestPauser();
    private final Notifier notifier = new Notifier();

    NotificationRetryTest() {
        notifier.downstream = downstream;
        notifier.pauser = pauser;
        notifier.templates = new TemplateService() {
            @Override
            public Optional<TemplateData> lookup(String name) {
                return Optional.of(new TemplateData(name, 0L, "About ${queueId}", "Body\n"));
            }
        };
    }

    private boolean send() {
        return notifier.send("Q1", "admin", "security@example.com", "gateway.test", Map.of("queueId", "Q1"));
    }

    @Test
    void aDownstreamThatStaysAwayIsTriedFourTimesThenGivenUp() {
        downstream.answers.addAll(List.of(UNREACHABLE, LATER, UNREACHABLE, LATER));
        assertFalse(send());
        assertEquals(4, downstream.calls);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(1)), pauser.asked());
    }

    @Test
    void aNotificationTakenOnTheThirdAttemptWaitedTwiceBefore() {
        downstream.answers.addAll(List.of(UNREACHABLE, LATER, DELIVERED));
        assertTrue(send());
        assertEquals(3, downstream.calls);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(10)), pauser.asked());
    }

    @Test
    void aPermanentRefusalIsNotTriedAgain() {
        downstream.answers.addAll(List.of(NEVER, DELIVERED));
        assertFalse(send());
        assertEquals(1, downstream.calls);
        assertEquals(List.of(), pauser.asked());
    }

    @Test
    void sendOnceMakesOneAttemptOnly() {
        downstream.answers.addAll(List.of(UNREACHABLE, DELIVERED));
        assertFalse(notifier.sendOnce("digest", "digest", "bob@example.com", "gateway.test", Map.of()));
        assertEquals(1, downstream.calls);
        assertEquals(List.of(), pauser.asked());
    }
}
