package io.sluice.smtp.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Virtual threads found without naming a Java 21 type: there from Java 21 on, absent before. */
class VirtualThreadRunnerTest {

    @Test
    void noVirtualThreadsBeforeJava21() {
        assertEquals(java.util.Optional.empty(), VirtualThreadRunner.factory("x-", 17));
        assertEquals(java.util.Optional.empty(), VirtualThreadRunner.factory("x-", 20));
        assertEquals(Runtime.version().feature() >= 21, VirtualThreadRunner.available());
        assertEquals(VirtualThreadRunner.available(),
                VirtualThreadRunner.create("x-", getClass().getClassLoader()).isPresent());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void tasksRunOnNumberedVirtualThreadsWithTheGivenContextClassLoader() throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[0], null);
        VirtualThreadRunner runner = VirtualThreadRunner.create("sluice-smtp-", loader).orElseThrow();
        List<Thread> ran = new CopyOnWriteArrayList<>();
        List<ClassLoader> loaders = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            runner.start("smtp-session", () -> {
                ran.add(Thread.currentThread());
                loaders.add(Thread.currentThread().getContextClassLoader());
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("sluice-smtp-1", "sluice-smtp-2"), ran.stream().map(Thread::getName).sorted().toList());
        for (Thread t : ran) {
            assertEquals(true, Thread.class.getMethod("isVirtual").invoke(t));
            assertTrue(t.isDaemon());
        }
        assertSame(loader, loaders.get(0));
        assertSame(loader, loaders.get(1));
    }
}
