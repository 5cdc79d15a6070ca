package dev.herd.engine.result;

import org.HdrHistogram.Histogram;

/**
 * A histogram's figures in milliseconds, as summary.json shows them ({@code H} in DESIGN.md).
 * Built from a histogram of microseconds.
 */
public record HistogramSummary(long count, double min, double p50, double p90, double p95, double p99,
                               double p999, double max, double mean) {

    public static final HistogramSummary EMPTY = new HistogramSummary(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Summarises a histogram of microseconds. */
    public static HistogramSummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new HistogramSummary(
                micros.getTotalCount(),
                ms(micros.getMinValue()),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                round3(micros.getMean() / 1000.0));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
