package dev.herd.engine.scenario;

import org.HdrHistogram.Histogram;

/**
 * A connect phase's percentiles over part of a run, in milliseconds.
 */
public record PhaseFigures(long count, double p50, double p95, double p99, double max) {

    /** The window between two run totals of the same histogram (microseconds). */
    public static PhaseFigures between(Histogram before, Histogram after) {
        Histogram window = after.copy();
        window.subtract(before);
        return of(window);
    }

    public static PhaseFigures of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new PhaseFigures(0, 0, 0, 0, 0);
        }
        return new PhaseFigures(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
