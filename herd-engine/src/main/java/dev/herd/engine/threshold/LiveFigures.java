package dev.herd.engine.threshold;

import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The figures of summary.json that are already known while the run goes on (counters, and percentiles of what
 * was recorded so far), built from the reporter's intervals. Figures only known at the end ({@code messages.lost},
 * scenario sections) are absent, so a live check never aborts on them.
 */
final class LiveFigures implements Function<String, OptionalDouble> {

    private static final Map<String, CounterId> COUNTERS = Map.ofEntries(
            Map.entry("connections.attempted", CounterId.CONNECT_ATTEMPTS),
            Map.entry("connections.established", CounterId.CONNECTS),
            Map.entry("connections.failed", CounterId.CONNECT_FAILURES),
            Map.entry("connections.closed_by_server", CounterId.CLOSED_BY_SERVER),
            Map.entry("connections.closed_by_error", CounterId.CLOSED_BY_ERROR),
            Map.entry("connections.reconnects", CounterId.RECONNECTS),
            Map.entry("connections.reconnect_attempts", CounterId.RECONNECT_ATTEMPTS),
            Map.entry("tls.full", CounterId.TLS_FULL),
            Map.entry("tls.resumed", CounterId.TLS_RESUMED),
            Map.entry("messages.published", CounterId.PUBLISHED),
            Map.entry("messages.received", CounterId.RECEIVED_STAMPS),
            Map.entry("messages.duplicated", CounterId.DUPLICATED),
            Map.entry("messages.reordered", CounterId.REORDERED),
            Map.entry("messages.publish_failed", CounterId.PUBLISH_FAILED),
            Map.entry("messages.publish_skipped", CounterId.PUBLISH_SKIPPED),
            Map.entry("messages.unstamped", CounterId.UNSTAMPED_MESSAGES),
            Map.entry("messages.malformed_stamps", CounterId.MALFORMED_STAMPS),
            Map.entry("messages.other_run_stamps", CounterId.OTHER_RUN_STAMPS),
            Map.entry("messages.foreign_topic_stamps", CounterId.FOREIGN_TOPIC_STAMPS),
            Map.entry("messages.before_join_stamps", CounterId.BEFORE_JOIN_STAMPS),
            Map.entry("messages.negative_latencies", CounterId.NEGATIVE_LATENCY),
            Map.entry("messages.received_bytes", CounterId.RECEIVED_BYTES));

    private final Map<HistogramId, Histogram> totals = new EnumMap<>(HistogramId.class);
    private final long[] counters = new long[CounterId.count()];
    private volatile double elapsedSeconds;

    /** Adds one interval; reporter thread. */
    public synchronized void add(IntervalSnapshot snapshot) {
        for (HistogramId id : HistogramId.values()) {
            if (id.inSummary()) {
                totals.computeIfAbsent(id, k -> new Histogram(snapshot.histogram(k).getHighestTrackableValue(),
                        snapshot.histogram(k).getNumberOfSignificantValueDigits())).add(snapshot.histogram(id));
            }
        }
        for (CounterId id : CounterId.values()) {
            counters[id.ordinal()] = snapshot.total(id);
        }
        elapsedSeconds = snapshot.elapsedSeconds();
    }

    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    @Override
    public synchronized OptionalDouble apply(String path) {
        CounterId counter = COUNTERS.get(path);
        if (counter != null) {
            return OptionalDouble.of(counters[counter.ordinal()]);
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return OptionalDouble.empty();
        }
        String histogramPath = path.substring(0, dot);
        String statistic = path.substring(dot + 1);
        for (Map.Entry<HistogramId, Histogram> e : totals.entrySet()) {
            if (e.getKey().path().equals(histogramPath)) {
                return statistic(e.getValue(), statistic);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble statistic(Histogram micros, String statistic) {
        if (statistic.equals("count")) {
            return OptionalDouble.of(micros.getTotalCount());
        }
        if (micros.getTotalCount() == 0) {
            return OptionalDouble.empty();
        }
        double ms = switch (statistic) {
            case "min" -> micros.getMinValue();
            case "p50" -> micros.getValueAtPercentile(50);
            case "p90" -> micros.getValueAtPercentile(90);
            case "p95" -> micros.getValueAtPercentile(95);
            case "p99" -> micros.getValueAtPercentile(99);
            case "p999" -> micros.getValueAtPercentile(99.9);
            case "max" -> micros.getMaxValue();
            case "mean" -> micros.getMean();
            default -> Double.NaN;
        } / 1000.0;
        return Double.isNaN(ms) ? OptionalDouble.empty() : OptionalDouble.of(ms);
    }
}
