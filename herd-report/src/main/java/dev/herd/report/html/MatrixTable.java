package dev.herd.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of rows × numeric columns (connect phases × percentiles, fan-out steps × figures), scrollable
 * sideways in a narrow window. Optionally each cell carries a bar proportional to its value against the
 * table's largest, so that side-by-side figures read at a glance.
 */
public final class MatrixTable {

    private final String caption;
    private final List<String> columns;
    private final List<String> rowNames = new ArrayList<>();
    private final List<List<String>> cells = new ArrayList<>();
    private final List<List<Double>> values = new ArrayList<>();
    private boolean bars;

    public MatrixTable(String caption, String cornerHeader, List<String> columns) {
        this.caption = caption;
        List<String> all = new ArrayList<>();
        all.add(cornerHeader);
        all.addAll(columns);
        this.columns = all;
    }

    /** Draw a bar in every numeric cell (scaled to the largest value in the table). */
    public MatrixTable withBars() {
        this.bars = true;
        return this;
    }

    /** A row of formatted cells with the numbers behind them (NaN where the cell has none). */
    public MatrixTable row(String name, List<String> formatted, List<Double> numbers) {
        rowNames.add(name);
        cells.add(List.copyOf(formatted));
        values.add(new ArrayList<>(numbers));
        return this;
    }

    public boolean isEmpty() {
        return rowNames.isEmpty();
    }

    public void render(Html html) {
        double max = 0;
        for (List<Double> r : values) {
            for (Double v : r) {
                if (v != null && !v.isNaN() && v > max) {
                    max = v;
                }
            }
        }
        html.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", caption)
                .open("table", "class", bars ? "matrix bars" : "matrix");
        html.element("caption", caption);
        html.open("thead").open("tr");
        for (int i = 0; i < columns.size(); i++) {
            html.element("th", columns.get(i), "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (int r = 0; r < rowNames.size(); r++) {
            html.open("tr").element("th", rowNames.get(r), "scope", "row");
            List<String> row = cells.get(r);
            for (int c = 0; c < columns.size() - 1; c++) {
                String text = c < row.size() ? row.get(c) : "";
                Double v = c < values.get(r).size() ? values.get(r).get(c) : null;
                if (bars && v != null && !v.isNaN() && max > 0) {
                    // Width as a percentage, at least a hairline so that small non-zero values show.
                    double pct = Math.max(v > 0 ? 0.5 : 0, 100.0 * v / max);
                    html.open("td").open("span", "class", "bar", "style",
                                    String.format(java.util.Locale.ROOT, "width:%.1f%%", pct), "aria-hidden", "true")
                            .close("span").element("span", text, "class", "num").close("td");
                } else {
                    html.element("td", text);
                }
            }
            html.close("tr");
        }
        html.close("tbody").close("table").close("div").newline();
    }
}
