package io.sluice.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counters and stage latencies in WildFly's Micrometer registry, which serves them to Prometheus
 * (sluice.cli configures it at http://host:9990/prometheus). Without the Micrometer subsystem the
 * metrics are simply not recorded. Meters are made with the registry's own methods, not with
 * builders: WildFly's per-deployment registry passes only those on to the exported registry.
 * Timers are plain (count, sum, max): client-side percentiles would need HdrHistogram, which
 * WildFly's Micrometer module does not carry; Prometheus computes rates and averages from count
 * and sum. The tracking log's loss counters exist from the start (at 0), so that an alert on them
 * has a series to watch.
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final Logger LOG = Logger.getLogger(GatewayMetrics.class.getName());

    @Inject
    Instance<MeterRegistry> registries;

    private volatile MeterRegistry registry;
    private final Map<String, Counter> messages = new ConcurrentHashMap<>();
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private volatile Counter trackingDropped;
    private volatile Counter trackingSkipped;
    private volatile Counter notificationMessages;
    private volatile Counter maintenanceRuns;

    @PostConstruct
    void init() {
        registry = registries.isResolvable() ? registries.get() : null;
        if (registry == null) {
            return;
        }
        try {
            trackingDropped = registry.counter("sluice.tracking.dropped");
            trackingSkipped = registry.counter("sluice.tracking.skipped");
            notificationMessages = registry.counter("sluice.notification.messages");
            maintenanceRuns = registry.counter("sluice.maintenance.runs");
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    /** Made when the application starts, not at the first message, so that its counters are there from the start. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // creating the bean is all: see init()
    }

    /** A tracking record dropped because the writer's queue was full. */
    public void trackingDropped() {
        increment(trackingDropped);
    }

    /** A tracking record the database refused even alone, skipped. */
    public void trackingSkipped() {
        increment(trackingSkipped);
    }

    /**
     * The notifications about one message are all done with: sent, refused, given up, or there was
     * nobody who may be told. Nothing more goes out about it after this.
     */
    public void notificationsHandled() {
        increment(notificationMessages);
    }

    /** A maintenance run (retention purges, digests) went through to its end. */
    public void maintenanceRun() {
        increment(maintenanceRuns);
    }

    private void increment(Counter counter) {
        if (registry == null || counter == null) {
            return;
        }
        try {
            counter.increment();
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    /** One message's outcome (DELIVERED, REJECTED, ...) and verdict (clean, spam, ...). */
    public void message(String outcome, String verdict, long size) {
        if (registry == null) {
            return;
        }
        try {
            count(outcome, verdict, size);
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    private void count(String outcome, String verdict, long size) {
        messages.computeIfAbsent(outcome + "/" + verdict, k -> registry.counter("sluice.messages",
                "outcome", outcome, "verdict", verdict)).increment();
        messages.computeIfAbsent("bytes/" + outcome, k -> registry.counter("sluice.message.bytes",
                "outcome", outcome)).increment(size);
    }

    /** How long a stage took: scan, relay, total. */
    public void stage(String stage, Duration duration) {
        if (registry == null) {
            return;
        }
        try {
            time(stage, duration);
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    /** A broken registry must never cost a message: it is switched off, once, loudly. */
    private void disable(Throwable e) {
        registry = null;
        LOG.log(Level.WARNING, "metrics are off: the meter registry failed", e);
    }

    private void time(String stage, Duration duration) {
        stages.computeIfAbsent(stage, k -> registry.timer("sluice.stage", "stage", stage)).record(duration);
    }
}
