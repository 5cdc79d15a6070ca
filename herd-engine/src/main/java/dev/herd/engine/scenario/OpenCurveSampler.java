package dev.herd.engine.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples a gauge (open connections) on the control thread while a stage waits, for a curve finer than
 * the once-a-second time series: storms happen in fractions of a second.
 */
public final class OpenCurveSampler {

    /** One point of the curve: milliseconds since the stage's origin, and the gauge's value. */
    public record Point(long tMs, long open) {
    }

    private final long originNanos;
    private final long periodNanos;
    private final LongSupplier gauge;
    private final List<Point> points = new ArrayList<>();
    private long nextNanos;

    public OpenCurveSampler(long originNanos, long periodNanos, LongSupplier gauge) {
        this.originNanos = originNanos;
        this.periodNanos = periodNanos;
        this.gauge = gauge;
        this.nextNanos = originNanos;
    }

    /** Takes a point if one is due; give it to {@code StageContext.duringWaits}. */
    public void sampleIfDue() {
        long now = System.nanoTime();
        if (now >= nextNanos) {
            points.add(new Point((now - originNanos) / 1_000_000, gauge.getAsLong()));
            nextNanos += periodNanos * Math.max(1, (now - nextNanos) / periodNanos + 1);
        }
    }

    public List<Point> points() {
        return List.copyOf(points);
    }
}
