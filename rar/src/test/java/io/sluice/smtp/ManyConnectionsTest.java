package io.sluice.smtp;

import io.sluice.smtp.server.TaskRunner;
import io.sluice.smtp.server.VirtualThreadRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hundreds of idle connections at once, each on its own session thread (a virtual one where the
 * JVM has them, as the adapter runs them from Java 24 on): the connection limit, the idle timeout
 * and the shutdown still reach every one of them, and a message still goes through beside them.
 */
class ManyConnectionsTest {

    private static final int IDLE = 300;

    /** The session runner under test, remembering which threads the sessions ran on. */
    private final Set<Thread> sessionThreads = ConcurrentHashMap.newKeySet();

    private TaskRunner sessions() {
        TaskRunner runner = VirtualThreadRunner.create("test-smtp-", getClass().getClassLoader())
                .map(TaskRunner.class::cast).orElse(TestServer::platformThread);
        return (name, task) -> runner.start(name, () -> {
            sessionThreads.add(Thread.currentThread());
            task.run();
        });
    }

    @Test
    void idleConnectionsAreHeldUpToTheLimitWhileMailFlowsAndAllHearTheShutdown() throws Exception {
        TestServer server = new TestServer(b -> b.maxConnections(IDLE + 1), sessions());
        List<Conversation> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                idle.add(server.connect().greetAndEhlo(TestServer.HOST));
            }
            try (Conversation mail = server.ehlo()) {
                mail.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                        .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                        .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                        .send("Subject: beside 300 idle connections").send("").send("body").send(".");
                mail.expectQueued(server.listener, 0);
                try (Conversation over = server.connect()) {
                    over.expect("421 4.3.2 mx.test.example Error: too many connections, try again later").expectClosed();
                }
            }
            assertEquals("Subject: beside 300 idle connections\r\n\r\nbody\r\n", server.listener.messages.get(0).text());
            assertEquals(1, server.server.statistics().refusedConnections());
            LimitsTest.waitFor(() -> server.server.activeSessions() == IDLE);
            for (Conversation c : idle) { // every one still answers
                c.exchange("NOOP", "250 2.0.0 Ok");
            }
            assertEquals(IDLE + 1, sessionThreads.size());
            assertEquals(VirtualThreadRunner.available() ? Set.of(true) : Set.of(false), virtual(sessionThreads));

            server.close();
            for (Conversation c : idle) {
                c.expect("421 4.3.2 mx.test.example Service shutting down, try again later").expectClosed();
            }
            assertEquals(0, server.server.activeSessions());
        } finally {
            server.close();
            for (Conversation c : idle) {
                c.close();
            }
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void idleSessionsOnVirtualThreadsTimeOut() throws Exception {
        List<Conversation> idle = new ArrayList<>();
        try (TestServer server = new TestServer(b -> b.commandTimeout(Duration.ofMillis(500)), sessions())) {
            for (int i = 0; i < 100; i++) {
                idle.add(server.connect().greetAndEhlo(TestServer.HOST));
            }
            for (Conversation c : idle) {
                c.expect("421 4.4.2 mx.test.example Error: timeout exceeded").expectClosed();
            }
            LimitsTest.waitFor(() -> server.server.activeSessions() == 0);
            assertEquals(100, server.server.statistics().timedOutSessions());
            assertEquals(Set.of(true), virtual(sessionThreads));
        } finally {
            for (Conversation c : idle) {
                c.close();
            }
        }
    }

    private static Set<Boolean> virtual(Set<Thread> threads) throws ReflectiveOperationException {
        Set<Boolean> kinds = new java.util.HashSet<>();
        for (Thread t : threads) {
            kinds.add(VirtualThreadRunner.available() && (Boolean) Thread.class.getMethod("isVirtual").invoke(t));
        }
        return kinds;
    }
}
