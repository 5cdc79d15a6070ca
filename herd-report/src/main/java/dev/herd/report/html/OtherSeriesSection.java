package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.TimeSeriesChart;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every numeric timeseries.json key that no other chart draws (a counter added after this report was
 * written, or a cumulative total), so that nothing in the file goes unseen. Values that are never above
 * zero are left out.
 */
public final class OtherSeriesSection implements ReportSection {

    /** Keys that are not series: the x value. */
    private static final Set<String> NOT_SERIES = Set.of("t");

    private final Set<String> drawnElsewhere;

    public OtherSeriesSection(Set<String> drawnElsewhere) {
        this.drawnElsewhere = Set.copyOf(drawnElsewhere);
    }

    @Override
    public String id() {
        return "other-series";
    }

    @Override
    public String title() {
        return "Other figures over time";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return !otherKeys(run).isEmpty();
    }

    private Set<String> otherKeys(RunFiles run) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode p : run.points()) {
            p.properties().forEach(e -> {
                if (e.getValue().isNumber() && e.getValue().doubleValue() != 0 && !NOT_SERIES.contains(e.getKey())
                        && !drawnElsewhere.contains(e.getKey())) {
                    keys.add(e.getKey());
                }
            });
        }
        return keys;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        html.open("div", "class", "grid2");
        for (String key : otherKeys(run)) {
            // One chart each: their units and magnitudes have nothing in common.
            charts.place(html, new TimeSeriesChart(charts.freshId("other-" + key), Figures.label(key))
                    .description(Figures.label(key) + " in each second of the run.")
                    .scale(new Scale("v", Figures.label(key), false, "left", true))
                    .line(key, Figures.label(key), "v")
                    .build(run.points())
                    .height(200));
        }
        html.close("div");
    }
}
