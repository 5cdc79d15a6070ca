package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Html;
import dev.herd.report.html.RunFiles;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.RowsChart;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fanout}: a broadcast swept over the number of subscribers N. Its curve (an array of steps) is drawn
 * against N: latency percentiles in one chart, deliveries per second in another, loss in a third, so the
 * point where the cost of a broadcast stops growing linearly stands out.
 */
final class FanoutView implements ScenarioView {

    /** Names a step's N may have. */
    static final List<String> N_FIELDS = List.of("n", "subscribers", "fanout", "clients", "connections");

    @Override
    public String key() {
        return "fanout";
    }

    @Override
    public String title() {
        return "Fan-out";
    }

    @Override
    public void render(JsonNode s, RunFiles run, Html html, Charts charts) {
        html.element("p", "A broadcast swept over the number of subscribers N. Read the latency chart for where "
                + "the percentiles bend upwards, and the deliveries chart for where throughput stops growing with N: "
                + "that N is the target's fan-out limit. Any loss is a failure of delivery, not only of speed.",
                "class", "explain");
        Set<String> drawn = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            JsonNode v = e.getValue();
            if (RowsChart.chartable(v) && N_FIELDS.stream().anyMatch(f -> v.get(0).has(f))) {
                drawn.add(e.getKey());
                html.element("h3", "By number of subscribers");
                List<JsonNode> rows = RowsChart.list(v);
                html.open("div", "class", "grid2");
                for (ChartSpec c : new RowsChart(charts.freshId("fanout-" + e.getKey()), "Fan-out", rows)
                        .preferX(N_FIELDS).build()) {
                    charts.place(html, c);
                }
                html.close("div");
                GenericView.rowsTable(rows, "Fan-out steps", html);
            }
        }
        new GenericView(charts, "fanout").preferX(N_FIELDS).render(s, drawn, html);
    }
}
