package io.sluice.smtp.server;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * Runs each task on a new virtual thread (Java 21 and later). A session blocked in a socket read
 * then holds no platform thread, only a few kilobytes of heap for its stack, so ten thousand idle
 * connections cost about as much as their buffers.
 *
 * <p>The virtual-thread API is looked up reflectively: the project is compiled for Java 17 (where it
 * does not exist) and must keep running there, so nothing here names a Java 21 type.
 */
public final class VirtualThreadRunner implements TaskRunner {

    /** The first release in which virtual threads are a final (not preview) feature. */
    static final int FIRST_RELEASE = 21;

    private final ThreadFactory threads;
    private final ClassLoader contextLoader;

    private VirtualThreadRunner(ThreadFactory threads, ClassLoader contextLoader) {
        this.threads = threads;
        this.contextLoader = contextLoader;
    }

    /**
     * A runner whose threads are called {@code namePrefix} and a number and have {@code contextLoader}
     * as their context class loader (the code that runs inside, the container's included, may look
     * classes up through it), or empty on a JVM without virtual threads.
     */
    public static Optional<VirtualThreadRunner> create(String namePrefix, ClassLoader contextLoader) {
        return factory(namePrefix, Runtime.version().feature()).map(f -> new VirtualThreadRunner(f, contextLoader));
    }

    /** Whether this JVM can run virtual threads. */
    public static boolean available() {
        return Runtime.version().feature() >= FIRST_RELEASE;
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}, written so that Java 17 compiles and runs it. */
    static Optional<ThreadFactory> factory(String namePrefix, int javaRelease) {
        if (javaRelease < FIRST_RELEASE) {
            return Optional.empty(); // 19 and 20 have the methods, but as a preview that throws when called
        }
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
            return Optional.of((ThreadFactory) builderType.getMethod("factory").invoke(builder));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("virtual threads are there but cannot be used", e);
        }
    }

    /** Starts {@code task} on a new virtual thread; {@code name} is not used (the threads are numbered). */
    @Override
    public void start(String name, Runnable task) {
        Thread thread = threads.newThread(task);
        if (thread == null) {
            throw new RejectedExecutionException("no virtual thread for " + name);
        }
        thread.setContextClassLoader(contextLoader);
        thread.start();
    }
}
