package io.sluice.smtp.server;

import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the server's long-lived tasks (the accept loop, one task per connection) on threads someone
 * else owns: the resource adapter's WorkManager in WildFly, plain threads in tests.
 */
@FunctionalInterface
public interface TaskRunner {

    /** Starts {@code task} on another thread, or throws if there is no capacity for it now. */
    void start(String name, Runnable task) throws RejectedExecutionException;
}
