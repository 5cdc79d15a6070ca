package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.FigureCards;
import dev.herd.report.html.Figures;
import dev.herd.report.html.Html;
import dev.herd.report.html.RunFiles;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.RowsChart;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code capacity}: connections added step by step until the target fails. The most connections held, the
 * first way it failed, and the curve of steps against open connections: handshake time and error rate
 * (each in its own chart, by unit).
 */
final class CapacityView implements ScenarioView {

    /** Names a step's x (open connections) may have. */
    static final List<String> OPEN_FIELDS = List.of("open", "open_connections", "connections", "held", "target",
            "step");

    @Override
    public String key() {
        return "capacity";
    }

    @Override
    public String title() {
        return "Capacity";
    }

    @Override
    public void render(JsonNode s, RunFiles run, Html html, Charts charts) {
        html.element("p", "Connections were added step by step until the target failed. The curve shows what each "
                + "step cost: a handshake p99 that climbs steeply, or errors appearing, marks the limit before the "
                + "target refuses outright.", "class", "explain");
        Set<String> drawn = new HashSet<>();
        FigureCards cards = new FigureCards();
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNumber() && (k.startsWith("max_") || k.contains("held"))) {
                drawn.add(k);
                cards.add(Figures.label(k), Figures.byKey(k, v.doubleValue()));
            } else if (v.isTextual() && k.contains("fail")) {
                drawn.add(k);
                cards.add(Figures.label(k), v.asText(), null, "bad");
            } else if (v.isObject() && k.contains("fail") && !v.isEmpty()) {
                // first failure as an object: its mode (or first text) on the card, the rest in the generic part
                String mode = v.path("mode").isTextual() ? v.path("mode").asText() : null;
                if (mode != null) {
                    cards.add(Figures.label(k), mode, null, "bad");
                }
            }
        }
        cards.render(html);
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            JsonNode v = e.getValue();
            if (RowsChart.chartable(v)) {
                drawn.add(e.getKey());
                html.element("h3", "Steps: " + Figures.label(e.getKey()));
                List<JsonNode> rows = RowsChart.list(v);
                html.open("div", "class", "grid2");
                for (ChartSpec c : new RowsChart(charts.freshId("capacity-" + e.getKey()), "Capacity", rows)
                        .preferX(OPEN_FIELDS).build()) {
                    charts.place(html, c);
                }
                html.close("div");
                GenericView.rowsTable(rows, "Capacity steps", html);
            }
        }
        new GenericView(charts, "capacity").preferX(OPEN_FIELDS).render(s, drawn, html);
    }
}
