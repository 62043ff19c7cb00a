package io.sluice.ra.inbound;

import io.sluice.smtp.server.VirtualThreadRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** sluice.smtp.threads: what each value means on each Java release. */
class SessionThreadsTest {

    @Test
    void valuesAreReadInAnyCaseAndEmptyIsAuto() {
        assertEquals(SessionThreads.AUTO, SessionThreads.parse(null));
        assertEquals(SessionThreads.AUTO, SessionThreads.parse(" "));
        assertEquals(SessionThreads.AUTO, SessionThreads.parse("auto"));
        assertEquals(SessionThreads.VIRTUAL, SessionThreads.parse("Virtual"));
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.parse("work-manager"));
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.parse("WORK_MANAGER"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionThreads.parse("platform"));
        assertEquals("sluice.smtp.threads: platform is none of AUTO, VIRTUAL, WORK_MANAGER", e.getMessage());
    }

    @Test
    void autoTakesVirtualThreadsOnlyWhereSynchronizedNoLongerPinsThem() {
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.AUTO.on(17));
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.AUTO.on(21));
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.AUTO.on(23));
        assertEquals(SessionThreads.VIRTUAL, SessionThreads.AUTO.on(24));
        assertEquals(SessionThreads.VIRTUAL, SessionThreads.AUTO.on(25));
    }

    @Test
    void eachOtherValueIsKeptWhereTheJvmCanHonourIt() {
        assertEquals(SessionThreads.WORK_MANAGER, SessionThreads.WORK_MANAGER.on(25));
        assertEquals(SessionThreads.VIRTUAL, SessionThreads.VIRTUAL.on(21));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionThreads.VIRTUAL.on(17));
        assertEquals("sluice.smtp.threads=VIRTUAL needs Java 21 or later; this is Java 17", e.getMessage());
    }

    @Test
    void theRunnerOnThisJvm() {
        int release = Runtime.version().feature();
        Class<?> auto = release >= 24 ? VirtualThreadRunner.class : WorkManagerRunner.class;
        assertInstanceOf(auto, SessionThreads.AUTO.runner(null));
        assertInstanceOf(WorkManagerRunner.class, SessionThreads.WORK_MANAGER.runner(null));
        if (release >= 21) {
            assertInstanceOf(VirtualThreadRunner.class, SessionThreads.VIRTUAL.runner(null));
        } else {
            assertThrows(IllegalArgumentException.class, () -> SessionThreads.VIRTUAL.runner(null));
        }
    }
}
