package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Figures;
import dev.herd.report.html.FigureCards;
import dev.herd.report.html.Json;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the specific scenario views share: cards from optional figures, percentiles side by side as a chart. */
final class ViewSupport {

    private ViewSupport() {
    }

    /** Adds a card when the section has a number at the key; {@code _ms} keys read as ms. */
    static boolean card(FigureCards cards, JsonNode section, String key, String label) {
        double v = Json.number(section, key);
        if (Double.isNaN(v)) {
            return false;
        }
        cards.add(label, key.endsWith("_ms") ? Figures.ms(v) : Figures.number(v));
        return true;
    }

    /**
     * Named sets of percentiles side by side (connect phases; healthy latency before, during and after a
     * stall): x = the percentile columns they share, one line with points per set, ms on a log axis.
     *
     * @param sets name → object with {@code p50}, {@code p95}, … in ms
     */
    static ChartSpec percentilesSideBySide(String id, String title, Map<String, JsonNode> sets) {
        List<String> columns = new ArrayList<>();
        for (String c : List.of("min", "p50", "p90", "p95", "p99", "p999", "max")) {
            if (sets.values().stream().anyMatch(s -> s.path(c).isNumber())) {
                columns.add(c);
            }
        }
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            xs.add((double) i);
        }
        ChartSpec chart = ChartSpec.of(id, ChartSpec.Kind.CATEGORY, title, "percentile")
                .x(xs).categories(columns.stream().map(Figures::label).toList())
                .scale(new ChartSpec.Scale("ms", "milliseconds (log scale)", true, "left", false));
        int color = 0;
        for (Map.Entry<String, JsonNode> set : sets.entrySet()) {
            List<Double> data = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = set.getValue().path(c);
                // A log axis cannot place 0: show it at a microsecond.
                data.add(v.isNumber() ? Math.max(v.doubleValue(), 0.001) : null);
            }
            chart.series(new ChartSpec.Series(Figures.label(set.getKey()), "ms", Palette.color(color++), null,
                    "points", data));
        }
        return chart;
    }
}
