package dev.herd.engine.run;

import dev.herd.engine.metrics.GeneratorHealthProbe;
import dev.herd.engine.metrics.GeneratorHealthSample;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporter thread: once a second it samples the interval (histograms, counters, generator health) and
 * hands it to the listeners (interval log, time series, console). The only thread besides the event loops
 * that touches metrics, and it only reads them.
 */
final class RunReporter {

    private static final Logger LOG = LoggerFactory.getLogger(RunReporter.class);

    private final IntervalSampler sampler;
    private final GeneratorHealthProbe probe = new GeneratorHealthProbe();
    private final List<IntervalListener> listeners;
    private final Supplier<String> stage;
    private final LongSupplier targetConnections;
    private final LongSupplier clientSockets;
    private final HealthTally health = new HealthTally();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herd-reporter");
        t.setDaemon(true);
        return t;
    });
    private boolean finished;

    RunReporter(IntervalSampler sampler, List<IntervalListener> listeners, Supplier<String> stage,
                LongSupplier targetConnections, LongSupplier clientSockets) {
        this.clientSockets = clientSockets;
        this.sampler = sampler;
        this.listeners = List.copyOf(listeners);
        this.stage = stage;
        this.targetConnections = targetConnections;
    }

    void start() {
        executor.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick() {
        if (finished) {
            return;
        }
        GeneratorHealthSample sample = probe.sample().withClientSockets(clientSockets.getAsLong());
        IntervalSnapshot snapshot = sampler.sample(stage.get(), targetConnections.getAsLong(), sample);
        health.add(snapshot.health(), snapshot.lengthSeconds());
        for (IntervalListener listener : listeners) {
            try {
                listener.onInterval(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("interval listener {} failed: {}", listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Samples the last partial interval, stops the thread and tells the listeners the run is over. */
    void finish() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick();
        synchronized (this) {
            finished = true;
        }
        for (IntervalListener listener : listeners) {
            try {
                listener.onFinish();
            } catch (RuntimeException e) {
                LOG.warn("interval listener {} failed at finish: {}", listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    HealthTally health() {
        return health;
    }

    GeneratorHealthProbe probe() {
        return probe;
    }
}
