package io.sluice.ra.inbound;

import io.sluice.smtp.server.TaskRunner;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the engine's tasks as JCA Work. They are marked long-running (JCA 11.6.1.1 hints), so the
 * container takes them from its long-running thread pool and does not count them as stuck.
 *
 * <p>WildFly's work manager pools (a semaphore in front of the pool in WildFly 39) block the caller
 * of {@code scheduleWork} while every thread is busy and the queue is full: the accept loop then
 * waits for a session to end, and new clients wait in the listen queue (seen with 10,000 clients
 * on Java 17; many-connections.sh). The connection limit should therefore
 * stay under the pool's threads, so that clients beyond it are told 421 instead.
 */
public final class WorkManagerRunner implements TaskRunner {

    private final WorkManager workManager;

    public WorkManagerRunner(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void start(String name, Runnable task) {
        try {
            workManager.scheduleWork(new LongRunningWork(name, task), WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            RejectedExecutionException rejected = new RejectedExecutionException(e.getMessage());
            rejected.initCause(e);
            throw rejected;
        }
    }

    private static final class LongRunningWork implements Work, WorkContextProvider {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final transient Runnable task;

        LongRunningWork(String name, Runnable task) {
            this.name = name;
            this.task = task;
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setName(name);
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            return List.of(hints);
        }

        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // the server closes its sockets itself when the endpoint is deactivated
        }
    }
}
