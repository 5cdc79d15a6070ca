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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reconnect_storm}: every client loses its connection at once and reconnects. How long until 50%,
 * 95% and all of them were back ({@code recovered_*_ms}), the reconnect attempts per 100 ms (a thundering
 * herd shows as one tall bar, good backoff with jitter as a spread), and the open-connections curve.
 */
final class ReconnectStormView implements ScenarioView {

    private static final Pattern RECOVERED = Pattern.compile("recovered_(\\d+)_ms");

    @Override
    public String key() {
        return "reconnect_storm";
    }

    @Override
    public String title() {
        return "Reconnect storm";
    }

    @Override
    public void render(JsonNode s, RunFiles run, Html html, Charts charts) {
        html.element("p", "Every client lost its connection at once. Recovery times say how long until that share "
                + "of the clients was open again. The attempts per 100 ms show how the clients came back: one tall "
                + "bar is a thundering herd, a spread is backoff with jitter doing its job.", "class", "explain");
        Set<String> drawn = new HashSet<>();
        FigureCards cards = new FigureCards();
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            Matcher m = RECOVERED.matcher(e.getKey());
            if (m.matches()) {
                drawn.add(e.getKey());
                cards.add(m.group(1) + "% recovered after", e.getValue().isNumber()
                        ? Figures.ms(e.getValue().doubleValue()) : "not reached", null,
                        e.getValue().isNumber() ? null : "bad");
            }
        }
        cards.render(html);
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            JsonNode v = e.getValue();
            if (!RowsChart.chartable(v)) {
                continue;
            }
            JsonNode first = v.get(0);
            if (first.has("t_ms") && first.has("attempts")) {
                drawn.add(e.getKey());
                html.element("h3", "Reconnect attempts over time");
                for (ChartSpec c : new RowsChart(charts.freshId("reconnect-attempts"),
                        "Reconnect attempts per 100 ms", RowsChart.list(v)).preferX(List.of("t_ms")).style("bars")
                        .build()) {
                    charts.place(html, c.height(240));
                }
            } else if (first.has("t_ms") && first.has("open")) {
                drawn.add(e.getKey());
                html.element("h3", "Open connections during the storm");
                for (ChartSpec c : new RowsChart(charts.freshId("reconnect-open"), "Open connections",
                        RowsChart.list(v)).preferX(List.of("t_ms")).build()) {
                    charts.place(html, c);
                }
            }
        }
        new GenericView(charts, "reconnect_storm").preferX(List.of("attempts", "t_ms")).render(s, drawn, html);
    }
}
