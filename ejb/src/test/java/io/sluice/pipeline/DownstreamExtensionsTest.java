package io.sluice.pipeline;

import io.sluice.config.NodeProperties;
import io.sluice.downstream.ScriptedDownstream;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the mail server offers is asked at first use, then once its answer is a minute old; a failed look-up keeps the last answer. */
class DownstreamExtensionsTest {

    private final ScriptedDownstream downstream = new ScriptedDownstream();
    private long now = 1_000_000_000L;
    private final DownstreamExtensions extensions = new DownstreamExtensions();

    DownstreamExtensionsTest() {
        extensions.downstream = downstream;
        extensions.node = new NodeProperties("gateway.test", true, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofMinutes(10), null, null);
        extensions.nanoClock = () -> now;
        extensions.start();
    }

    @Test
    void theAnswerIsUsedForItsMaximumAgeThenAskedAgain() {
        downstream.answers.addAll(List.of(Set.of("SMTPUTF8", "8BITMIME"), Set.of("8BITMIME")));
        assertTrue(extensions.has("SMTPUTF8"));
        assertEquals(1, downstream.calls);
        now += Duration.ofSeconds(60).toNanos() - 1;
        assertEquals(Set.of("SMTPUTF8", "8BITMIME"), extensions.offered());
        assertEquals(1, downstream.calls, "not yet a minute old");
        now += 1;
        assertFalse(extensions.has("SMTPUTF8"));
        assertEquals(2, downstream.calls);
    }

    @Test
    void aFailedLookUpKeepsTheLastAnswerAndIsNotRepeatedAtOnce() {
        downstream.answers.addAll(List.of(Set.of("SMTPUTF8"), new ResourceException("pool exhausted"), Set.of()));
        assertTrue(extensions.has("SMTPUTF8"));
        now += Duration.ofSeconds(60).toNanos();
        assertTrue(extensions.has("SMTPUTF8"), "the last answer stands");
        assertTrue(extensions.has("SMTPUTF8"));
        assertEquals(2, downstream.calls, "the failed look-up waits its minute too");
        now += Duration.ofSeconds(60).toNanos();
        assertEquals(Set.of(), extensions.offered());
        assertEquals(3, downstream.calls);
    }
}
