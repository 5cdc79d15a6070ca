package dev.herd.engine.scenario.reconnectstorm;

import org.HdrHistogram.Histogram;

/**
 * How a per-client count (attempts until open again, messages lost) is spread over the clients.
 *
 * <pre>{@code
 * Histogram h = new Histogram(3);
 * h.recordValue(4);
 * CountDistribution d = CountDistribution.of(h);   // clients 1, p50 4 …
 * }</pre>
 *
 * @param clients how many clients the distribution covers
 * @param mean rounded to two decimals
 */
public record CountDistribution(long clients, long p50, long p95, long p99, long max, double mean) {

    public static final CountDistribution EMPTY = new CountDistribution(0, 0, 0, 0, 0, 0);

    /** The percentiles of {@code counts} (one value per client); exact below 2048, three significant digits above. */
    public static CountDistribution of(Histogram counts) {
        if (counts.getTotalCount() == 0) {
            return EMPTY;
        }
        return new CountDistribution(counts.getTotalCount(), counts.getValueAtPercentile(50),
                counts.getValueAtPercentile(95), counts.getValueAtPercentile(99), counts.getMaxValue(),
                Math.round(counts.getMean() * 100) / 100.0);
    }
}
