package io.sluice.tracking;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Records logged from the background thread: in order, with their own time, none lost. */
class BackgroundLogTest {

    private final Logger logger = Logger.getLogger("test.background-log." + System.nanoTime());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> new Thread(r, "log-thread"));

    BackgroundLogTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().startsWith("fail")) {
                    throw new IllegalStateException("handler failed");
                }
                logged.add(r.getMessage() + " at " + r.getInstant() + " on " + Thread.currentThread().getName());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static LogRecord record(String message, int second) {
        LogRecord r = new LogRecord(Level.INFO, message);
        r.setInstant(Instant.ofEpochSecond(second));
        return r;
    }

    private void await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (logged.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    @Test
    void recordsAreLoggedInOrderOnTheBackgroundThreadWithTheTimeTheyWereMade() throws Exception {
        AtomicInteger started = new AtomicInteger();
        BackgroundLog log = new BackgroundLog(100, task -> {
            started.incrementAndGet();
            pool.execute(task);
        }, 50);
        for (int i = 1; i <= 3; i++) {
            log.log(logger, record("line " + i, i));
        }
        await(3);
        assertEquals(List.of("line 1 at 1970-01-01T00:00:01Z on log-thread", "line 2 at 1970-01-01T00:00:02Z on log-thread",
                "line 3 at 1970-01-01T00:00:03Z on log-thread"), logged);
        Thread.sleep(300); // idle beyond 50 ms: the thread went back to the pool
        log.log(logger, record("line 4", 4));
        await(4);
        assertEquals("line 4 at 1970-01-01T00:00:04Z on log-thread", logged.get(3));
        assertEquals(2, started.get());
    }

    /** MailLog's line is made when a handler first reads it: on the background thread, once. */
    @Test
    void aLazyLineIsMadeOnTheBackgroundThreadOnce() throws Exception {
        BackgroundLog log = new BackgroundLog(100, pool::execute, 50);
        List<String> madeOn = new CopyOnWriteArrayList<>();
        LogRecord r = new MailLog.LazyRecord(() -> {
            madeOn.add(Thread.currentThread().getName());
            return "lazy line";
        });
        r.setInstant(Instant.ofEpochSecond(9));
        log.log(logger, r);
        await(1);
        assertEquals(List.of("lazy line at 1970-01-01T00:00:09Z on log-thread"), logged);
        assertEquals("lazy line", r.getMessage());
        assertEquals(List.of("log-thread"), madeOn);
        log.stop();
    }

    @Test
    void aFullQueueMakesTheCallerLogItsOwnRecordAndNothingIsLost() {
        List<Runnable> held = new ArrayList<>();
        BackgroundLog log = new BackgroundLog(2, held::add, 50); // the thread never gets to run
        log.log(logger, record("queued 1", 1));
        log.log(logger, record("queued 2", 2));
        log.log(logger, record("overflow", 3));
        String caller = Thread.currentThread().getName();
        assertEquals(List.of("overflow at 1970-01-01T00:00:03Z on " + caller), logged);
        assertEquals(1, held.size());
        log.stop(); // shutdown logs what is queued, then callers log their own
        log.log(logger, record("after stop", 4));
        assertEquals(List.of("overflow at 1970-01-01T00:00:03Z on " + caller, "queued 1 at 1970-01-01T00:00:01Z on " + caller,
                "queued 2 at 1970-01-01T00:00:02Z on " + caller, "after stop at 1970-01-01T00:00:04Z on " + caller), logged);
        assertEquals(0, log.queued());
    }

    @Test
    void noThreadToBeHadMeansTheCallerLogs() {
        BackgroundLog log = new BackgroundLog(10, task -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, 50);
        log.log(logger, record("line 1", 1));
        assertEquals(List.of("line 1 at 1970-01-01T00:00:01Z on " + Thread.currentThread().getName()), logged);
    }

    @Test
    void aHandlerThatFailsDoesNotStopTheRecordsAfterIt() throws Exception {
        BackgroundLog log = new BackgroundLog(10, pool, 50);
        log.log(logger, record("fail here", 1));
        log.log(logger, record("line 2", 2));
        await(1);
        assertEquals(List.of("line 2 at 1970-01-01T00:00:02Z on log-thread"), logged);
    }
}
