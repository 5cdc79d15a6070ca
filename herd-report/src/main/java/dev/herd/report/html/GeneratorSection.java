package dev.herd.report.html;

import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.TimeSeriesChart;
import dev.herd.report.html.chart.TimeSeriesChart.Line;
import java.util.List;

/**
 * The load generator's own health over time: how late its event loops ran, its CPU, garbage collection,
 * heap and file descriptors. When herd itself struggles, the target's figures are suspect.
 */
public final class GeneratorSection extends TimeSeriesSection {

    @Override
    public String id() {
        return "generator";
    }

    @Override
    public String title() {
        return "Generator health over time";
    }

    @Override
    protected List<TimeSeriesChart> charts() {
        return List.of(
                new TimeSeriesChart("generator-lag", "Event-loop lag and GC pauses")
                        .description("The worst lateness of herd's 20 ms event-loop task in each second, and the "
                                + "time spent in garbage collection in each second, in milliseconds.")
                        .scale(new Scale("ms", "milliseconds", false, "left", true))
                        .line("event_loop_lag_max_ms", "event-loop lag max", "ms")
                        .line("gc_pause_ms", "GC pause", "ms"),
                new TimeSeriesChart("generator-cpu", "CPU")
                        .description("herd's process CPU in each second, as a percentage of all cores.")
                        .scale(new Scale("pct", "% of all cores", false, "left", true))
                        .line("cpu_percent", "CPU %", "pct"),
                new TimeSeriesChart("generator-resources", "Heap and file descriptors")
                        .description("Heap in use (MiB, left axis) and open file descriptors (right axis).")
                        .scale(new Scale("mib", "heap (MiB)", false, "left", true))
                        .scale(new Scale("fds", "open file descriptors", false, "right", true))
                        .line(new Line("heap_used_bytes", "heap used (MiB)", "mib", 1.0 / (1024 * 1024), null, null))
                        .line("open_file_descriptors", "open fds", "fds"));
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        html.element("p", "herd watches itself: a late event loop, a busy CPU or long GC pauses mean herd, not "
                + "the target, may have added latency. The summary marks such a run as not trustworthy.", "class",
                "explain");
        html.open("div", "class", "grid2");
        placeCharts(run, html, charts);
        html.close("div");
    }
}
