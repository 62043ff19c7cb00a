package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one piece of work many times after a warm-up and prints its median time, the median CPU
 * time of the thread (what a loaded machine distorts least) and the 90th percentile.
 */
final class TimedRuns {

    /** The work to time; what it returns is ignored, so that it is not optimised away. */
    interface Work {
        Object run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TimedRuns() {
    }

    /** @param print whether to print the line (false for a warm-up pass) */
    static void report(String label, int rounds, Work work, boolean print) throws Exception {
        for (int i = 0; i < rounds / 4; i++) {
            work.run(); // warm-up
        }
        long[] micros = new long[rounds];
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            work.run();
            micros[i] = (System.nanoTime() - t) / 1000;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1000;
        }
        Arrays.sort(micros);
        Arrays.sort(cpu);
        if (print) {
            System.out.printf(Locale.ROOT, "%s  median %6d us (CPU %6d us)  p90 %6d us%n", label, micros[rounds / 2],
                    cpu[rounds / 2], micros[rounds * 9 / 10]);
        }
    }
}
