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
