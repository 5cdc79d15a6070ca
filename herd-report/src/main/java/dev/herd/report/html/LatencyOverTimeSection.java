package dev.herd.report.html;

import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.TimeSeriesChart;
import dev.herd.report.html.chart.TimeSeriesChart.Line;
import java.util.List;

/**
 * Latency over time: each second's p50, p95, p99 and maximum (and service time's p99), so that a spike, a
 * slow start or a creeping backlog shows where it happened. A second in which nothing was received is a gap.
 */
public final class LatencyOverTimeSection extends TimeSeriesSection {

    private static final String IDLE = "received_per_second";

    @Override
    public String id() {
        return "latency-time";
    }

    @Override
    public String title() {
        return "Latency over time";
    }

    @Override
    protected List<TimeSeriesChart> charts() {
        return List.of(new TimeSeriesChart("latency-time", "Latency per second (intended send → receive)")
                .description("Each second's latency p50, p95, p99 and maximum in milliseconds, and service time p99.")
                .scale(new Scale("ms", "milliseconds", false, "left", true))
                .line(new Line("latency_p50_ms", "p50", "ms", 1, IDLE, null))
                .line(new Line("latency_p95_ms", "p95", "ms", 1, IDLE, null))
                .line(new Line("latency_p99_ms", "p99", "ms", 1, IDLE, null))
                .line(new Line("latency_max_ms", "max", "ms", 1, IDLE, List.of(2, 3)))
                .line(new Line("service_time_p99_ms", "service time p99", "ms", 1, IDLE, List.of(8, 4))));
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return run.points().stream().anyMatch(p -> p.path("latency_p50_ms").doubleValue() > 0
                || p.path("latency_max_ms").doubleValue() > 0);
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        html.element("p", "Latency runs from a message's intended send time (its slot on the publish schedule) to "
                + "its receipt, so a publisher that falls behind cannot hide a delay. Service time runs from the "
                + "actual send.", "class", "explain");
        placeCharts(run, html, charts);
    }
}
