package dev.herd.report.html;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.herd.report.html.chart.TimeSeriesChart;

/**
 * A section drawn from timeseries.json: it applies when the run has points, and names the keys its charts
 * draw so that {@link OtherSeriesSection} can show the rest.
 */
public abstract class TimeSeriesSection implements ReportSection {

    /** The charts this section draws, in order. */
    protected abstract List<TimeSeriesChart> charts();

    @Override
    public boolean appliesTo(RunFiles run) {
        return !run.points().isEmpty();
    }

    /** The timeseries.json keys this section's charts draw. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        charts().forEach(c -> keys.addAll(c.keys()));
        return keys;
    }

    /** Places every chart (a chart with no data becomes a one-line note). */
    protected void placeCharts(RunFiles run, Html html, Charts charts) {
        for (TimeSeriesChart chart : charts()) {
            charts.place(html, chart.build(run.points()));
        }
    }
}
