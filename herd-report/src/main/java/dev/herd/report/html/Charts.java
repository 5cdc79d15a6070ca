package dev.herd.report.html;

import dev.herd.report.html.chart.ChartSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The page's charts: each section places a chart here, which writes the figure's markup (a caption and an
 * empty plot area the script fills) and keeps the chart's data for the page's embedded JSON.
 */
public final class Charts {

    private final List<ChartSpec> charts = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /**
     * Writes a chart's figure, or a one-line "no data" note when it has nothing to draw.
     *
     * @return true when a chart was placed
     */
    public boolean place(Html html, ChartSpec chart) {
        if (!chart.hasData()) {
            html.element("p", "No data for \"" + chart.getTitle() + "\".", "class", "empty");
            return false;
        }
        if (!ids.add(chart.getId())) {
            throw new IllegalArgumentException("two charts with the id " + chart.getId());
        }
        charts.add(chart);
        String label = chart.getDescription() != null ? chart.getDescription() : chart.getTitle();
        html.open("figure", "class", "chart", "id", "chart-" + chart.getId())
                .element("figcaption", chart.getTitle())
                .open("div", "class", "plot", "data-chart", chart.getId(), "role", "img", "aria-label", label)
                .close("div")
                .close("figure").newline();
        return true;
    }

    /** A chart id not used yet, from a wish: {@code fanout-curve}, {@code fanout-curve-2}, … */
    public String freshId(String wish) {
        String base = wish.replaceAll("[^A-Za-z0-9_-]", "-");
        String id = base;
        for (int i = 2; ids.contains(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** How many charts are placed: a mark to {@link #rollBack} to. */
    public int mark() {
        return charts.size();
    }

    /** Forgets the charts placed after a mark (their markup was thrown away). */
    public void rollBack(int mark) {
        while (charts.size() > mark) {
            ids.remove(charts.remove(charts.size() - 1).getId());
        }
    }

    public List<ChartSpec> all() {
        return List.copyOf(charts);
    }
}
