package dev.herd.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * One reporting interval (normally one second): the histograms recorded in it, merged over event loops,
 * and the counters at its end. The histogram objects are reused from interval to interval: listeners
 * read them during {@link IntervalListener#onInterval} and copy what they keep.
 */
public final class IntervalSnapshot {

    final Histogram[] histograms = new Histogram[HistogramId.count()];
    final long[] counterTotals = new long[CounterId.count()];
    final long[] counterDeltas = new long[CounterId.count()];
    long startEpochMillis;
    long endEpochMillis;
    double elapsedSeconds;
    String stage = "";
    long targetConnections;
    GeneratorHealthSample health = GeneratorHealthSample.EMPTY;

    IntervalSnapshot() {
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new Histogram(LoopMetrics.HIGHEST_MICROS, LoopMetrics.SIGNIFICANT_DIGITS);
        }
    }

    /** The interval's histogram (microseconds), with start and end timestamps set in epoch milliseconds. */
    public Histogram histogram(HistogramId id) {
        return histograms[id.ordinal()];
    }

    public long total(CounterId id) {
        return counterTotals[id.ordinal()];
    }

    /** How much the counter changed during this interval. */
    public long delta(CounterId id) {
        return counterDeltas[id.ordinal()];
    }

    public long startEpochMillis() {
        return startEpochMillis;
    }

    public long endEpochMillis() {
        return endEpochMillis;
    }

    /** Seconds from the run's start to the end of this interval. */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    public double lengthSeconds() {
        return Math.max(1e-3, (endEpochMillis - startEpochMillis) / 1000.0);
    }

    /** The stage that was running at the end of the interval. */
    public String stage() {
        return stage;
    }

    /** How many connections the scenario wants open at this point. */
    public long targetConnections() {
        return targetConnections;
    }

    public GeneratorHealthSample health() {
        return health;
    }

    /** A per-second rate of a counter over this interval. */
    public double ratePerSecond(CounterId id) {
        return delta(id) / lengthSeconds();
    }
}
