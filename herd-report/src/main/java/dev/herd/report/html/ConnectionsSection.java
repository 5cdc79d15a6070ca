package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.TimeSeriesChart;
import java.util.List;
import java.util.Map;

/**
 * Connections over time: how many were open (against the number asked for), and per second how many
 * connected, failed, were closed by the target and tried to reconnect; then the run's connection counts.
 */
public final class ConnectionsSection extends TimeSeriesSection {

    @Override
    public String id() {
        return "connections";
    }

    @Override
    public String title() {
        return "Connections over time";
    }

    @Override
    protected List<TimeSeriesChart> charts() {
        return List.of(new TimeSeriesChart("connections", "Open connections and connection events per second")
                .description("Open connections (left axis) and connects, failures, closes and reconnect attempts "
                        + "per second (right axis) over the run.")
                .scale(new Scale("open", "open connections", false, "left", true))
                .scale(new Scale("rate", "per second", false, "right", true))
                .line("open", "open", "open")
                .line(new TimeSeriesChart.Line("target_connections", "asked for", "open", 1, null, List.of(6, 4)))
                .line("connects_per_second", "connects/s", "rate")
                .line("failures_per_second", "failures/s", "rate")
                .line("reconnect_attempts_per_second", "reconnect attempts/s", "rate")
                .line("closed_by_server_per_second", "closed by target/s", "rate"));
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return super.appliesTo(run) || run.summary().path("connections").isObject();
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        if (!run.points().isEmpty()) {
            placeCharts(run, html, charts);
        }
        JsonNode c = run.summary().path("connections");
        if (c.isObject()) {
            KeyValueTable t = new KeyValueTable("Connection counts over the run");
            c.properties().forEach(e -> add(t, e.getKey(), e.getValue()));
            t.render(html);
        }
    }

    /** Numbers as rows; maps of numbers ({@code failed_by_reason}) as one row each, nested one level. */
    static void add(KeyValueTable t, String key, JsonNode v) {
        if (v.isNumber()) {
            t.row(Figures.label(key), Figures.byKey(key, v.doubleValue()));
        } else if (v.isValueNode() && !v.isNull()) {
            t.row(Figures.label(key), v.asText());
        } else if (v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> f : e.getValue().properties()) {
                        t.row(Figures.label(key) + ": " + e.getKey() + " / " + f.getKey(), f.getValue().asText());
                    }
                } else {
                    t.row(Figures.label(key) + ": " + e.getKey(), e.getValue().isNumber()
                            ? Figures.number(e.getValue().doubleValue()) : e.getValue().asText());
                }
            }
        }
    }
}
