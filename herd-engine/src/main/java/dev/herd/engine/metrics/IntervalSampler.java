package dev.herd.engine.metrics;

import dev.herd.engine.clock.RunClock;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Takes each loop's interval histograms (recycling them, so the steady state allocates nothing), merges
 * them into one interval per metric, keeps the run's totals, and diffs the counters.
 *
 * <pre>{@code
 * IntervalSampler sampler = new IntervalSampler(metrics, clock);
 * IntervalSnapshot s = sampler.sample("publish", 1000, probe.sample());   // once a second
 * Histogram all = sampler.total(HistogramId.LATENCY);                    // at the end
 * }</pre>
 */
public final class IntervalSampler {

    private final RunMetrics metrics;
    private final RunClock clock;
    private final Histogram[][] recycled;
    /** Each loop's {@link LoopMetrics#recordedValues} per histogram as of its last sample. */
    private final long[][] sampledValues;
    private final Histogram[] totals = new Histogram[HistogramId.count()];
    private final IntervalSnapshot snapshot = new IntervalSnapshot();
    /** Drained from the loops by {@link #totalNow} but not yet handed out in an interval. */
    private final Histogram[] pending = new Histogram[HistogramId.count()];
    private long lastSampleEpochMillis;

    public IntervalSampler(RunMetrics metrics, RunClock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.recycled = new Histogram[metrics.loops().size()][HistogramId.count()];
        this.sampledValues = new long[metrics.loops().size()][HistogramId.count()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new Histogram(LoopMetrics.HIGHEST_MICROS, LoopMetrics.SIGNIFICANT_DIGITS);
            pending[i] = new Histogram(LoopMetrics.HIGHEST_MICROS, LoopMetrics.SIGNIFICANT_DIGITS);
        }
        lastSampleEpochMillis = clock.wallAtStartNanos() / 1_000_000;
    }

    /** Samples the interval since the previous call. Reporter thread only. */
    public synchronized IntervalSnapshot sample(String stage, long targetConnections, GeneratorHealthSample health) {
        long nowMillis = clock.nowNanos() / 1_000_000;
        drain();
        for (HistogramId id : HistogramId.values()) {
            Histogram merged = snapshot.histograms[id.ordinal()];
            Histogram interval = pending[id.ordinal()];
            // Most histograms are empty in most seconds (connect phases while publishing, slow subscribers):
            // adding or clearing one walks its ~20,000 counts, so empty ones are skipped.
            if (merged.getTotalCount() > 0) {
                merged.reset();
            }
            if (interval.getTotalCount() > 0) {
                merged.add(interval);
                interval.reset();
            }
            merged.setStartTimeStamp(lastSampleEpochMillis);
            merged.setEndTimeStamp(nowMillis);
        }
        for (CounterId id : CounterId.values()) {
            long total = metrics.counter(id);
            snapshot.counterDeltas[id.ordinal()] = total - snapshot.counterTotals[id.ordinal()];
            snapshot.counterTotals[id.ordinal()] = total;
        }
        snapshot.startEpochMillis = lastSampleEpochMillis;
        snapshot.endEpochMillis = nowMillis;
        snapshot.elapsedSeconds = (nowMillis - clock.wallAtStartNanos() / 1_000_000) / 1000.0;
        snapshot.stage = stage;
        snapshot.targetConnections = targetConnections;
        snapshot.health = health.withMaxEventLoopLagMicros(
                snapshot.histograms[HistogramId.EVENT_LOOP_LAG.ordinal()].getMaxValue());
        lastSampleEpochMillis = nowMillis;
        return snapshot;
    }

    /** A copy of the run's total for {@code id} as of the last sample. */
    public synchronized Histogram total(HistogramId id) {
        return totals[id.ordinal()].copy();
    }

    /**
     * A copy of the run's total for {@code id} including what the loops recorded since the last sample (which
     * the next interval still reports): two of these bracket a window of the run, e.g. one stage.
     */
    public synchronized Histogram totalNow(HistogramId id) {
        drain(id);
        return totals[id.ordinal()].copy();
    }

    private void drain() {
        for (HistogramId id : HistogramId.values()) {
            drain(id);
        }
    }

    /**
     * Takes what each loop recorded for {@code id} since the last time. A loop that recorded nothing is not sampled:
     * sampling clears a histogram of about 190 KB whether it held anything or not, and most of the fifteen are empty
     * in most seconds (an idle hold records only the loops' lag).
     */
    private void drain(HistogramId id) {
        int i = id.ordinal();
        List<LoopMetrics> loops = metrics.loops();
        for (int l = 0; l < loops.size(); l++) {
            LoopMetrics loop = loops.get(l);
            // Read before the sample: a value recorded in between is taken now and looked for again next time.
            long recorded = loop.recordedValues(id);
            if (recorded == sampledValues[l][i]) {
                continue;
            }
            sampledValues[l][i] = recorded;
            Histogram interval = loop.sampleInterval(id, recycled[l][i]);
            recycled[l][i] = interval;
            if (interval.getTotalCount() > 0) {
                pending[i].add(interval);
                totals[i].add(interval);
            }
        }
    }
}
