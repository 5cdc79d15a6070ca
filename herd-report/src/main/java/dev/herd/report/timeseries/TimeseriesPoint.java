package dev.herd.report.timeseries;

import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSnapshot;
import org.HdrHistogram.Histogram;

/**
 * One second of a run as {@code timeseries.json} stores it. Rates are per second over the interval,
 * latencies in milliseconds (0 when nothing was received in the interval).
 */
public record TimeseriesPoint(
        double t,
        String stage,
        long open,
        long targetConnections,
        double connectsPerSecond,
        double failuresPerSecond,
        double reconnectAttemptsPerSecond,
        double closedByServerPerSecond,
        double sentPerSecond,
        double receivedPerSecond,
        double publishFailedPerSecond,
        long messagesReceived,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        double latencyMaxMs,
        double serviceTimeP99Ms,
        double connectTotalP99Ms,
        double eventLoopLagMaxMs,
        double cpuPercent,
        long gcPauseMs,
        long heapUsedBytes,
        long openFileDescriptors) {

    public static TimeseriesPoint of(IntervalSnapshot s) {
        Histogram latency = s.histogram(HistogramId.LATENCY);
        return new TimeseriesPoint(
                round3(s.elapsedSeconds()),
                s.stage(),
                s.total(CounterId.OPEN),
                s.targetConnections(),
                round1(s.ratePerSecond(CounterId.CONNECTS)),
                round1(s.ratePerSecond(CounterId.CONNECT_FAILURES)),
                round1(s.ratePerSecond(CounterId.RECONNECT_ATTEMPTS)),
                round1(s.ratePerSecond(CounterId.CLOSED_BY_SERVER) + s.ratePerSecond(CounterId.CLOSED_BY_ERROR)),
                round1(s.ratePerSecond(CounterId.PUBLISHED)),
                round1(s.ratePerSecond(CounterId.RECEIVED_STAMPS)),
                round1(s.ratePerSecond(CounterId.PUBLISH_FAILED)),
                s.total(CounterId.RECEIVED_STAMPS),
                ms(latency, 50),
                ms(latency, 95),
                ms(latency, 99),
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0,
                ms(s.histogram(HistogramId.SERVICE_TIME), 99),
                ms(s.histogram(HistogramId.CONNECT_TOTAL), 99),
                s.health().maxEventLoopLagMicros() / 1000.0,
                round1(s.health().cpuPercent()),
                s.health().gcPauseMillis(),
                s.health().heapUsedBytes(),
                s.health().openFileDescriptors());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
