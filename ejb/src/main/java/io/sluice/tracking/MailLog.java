package io.sluice.tracking;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one log line per message, written beside the session rather than before its reply
 * ({@link BackgroundLog}): it goes to the same logger, and so to every handler the server's logging
 * configuration gives it, a few milliseconds later, with the time it was made. The line shows the
 * background thread's name, not the session's.
 */
@ApplicationScoped
public class MailLog {

    static final int CAPACITY = 10_000;
    private static final long IDLE_MILLIS = 1_000;

    @Resource
    ManagedExecutorService executor;

    private BackgroundLog log;

    @PostConstruct
    void start() {
        log = new BackgroundLog(CAPACITY, executor, IDLE_MILLIS);
    }

    /**
     * Logs the line at INFO on {@code logger}, as from {@code sourceClass}, if that level is on there.
     * The line is made on the background thread, so {@code line} must read only values that no
     * longer change.
     */
    public void info(Logger logger, Class<?> sourceClass, Supplier<String> line) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        LogRecord r = new LazyRecord(line);
        r.setLoggerName(logger.getName());
        r.setSourceClassName(sourceClass.getName()); // else it would be looked for on the background thread
        r.setSourceMethodName("record");
        log.log(logger, r);
    }

    /** A record whose message is made the first time a handler asks for it: on the background thread. */
    static final class LazyRecord extends LogRecord {

        private final transient Supplier<String> line;
        private transient volatile boolean made;

        LazyRecord(Supplier<String> line) {
            super(Level.INFO, null);
            this.line = line;
        }

        @Override
        public String getMessage() {
            if (!made) {
                setMessage(line.get());
                made = true;
            }
            return super.getMessage();
        }
    }

    @PreDestroy
    void stop() {
        log.stop();
    }
}
