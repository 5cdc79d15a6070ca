package dev.herd.engine.metrics;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late a periodic task runs on one event loop: when the loop is saturated (too many
 * connections or messages for one thread), this lag grows and herd's own figures stop being trustworthy.
 */
public final class EventLoopLagProbe implements Runnable {

    private final EventLoop loop;
    private final LoopMetrics metrics;
    private final long periodNanos;
    private long intendedNanos;
    private volatile boolean stopped;
    private ScheduledFuture<?> pending;

    public EventLoopLagProbe(EventLoop loop, LoopMetrics metrics, long periodNanos) {
        this.loop = loop;
        this.metrics = metrics;
        this.periodNanos = periodNanos;
    }

    public void start() {
        loop.execute(() -> {
            intendedNanos = System.nanoTime() + periodNanos;
            pending = loop.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long lag = Math.max(0, now - intendedNanos);
        metrics.recordNanos(HistogramId.EVENT_LOOP_LAG, lag);
        // Schedule from the plan, not from now, so a late run is not hidden by the next one; after a
        // long stall restart the plan instead of firing a burst of catch-up runs.
        intendedNanos = lag > periodNanos ? now + periodNanos : intendedNanos + periodNanos;
        pending = loop.schedule(this, Math.max(0, intendedNanos - now), TimeUnit.NANOSECONDS);
    }

    public void stop() {
        stopped = true;
        loop.execute(() -> {
            if (pending != null) {
                pending.cancel(false);
            }
        });
    }
}
