package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Histograms of summary.json ({@code {"count", "min", "p50", …, "max", "mean"}} in ms) side by side: one row
 * each, one column per figure. Keys a histogram lacks are blank; figures beyond the usual ones get columns.
 */
public final class HistogramTable {

    private static final List<String> USUAL = List.of("count", "min", "p50", "p90", "p95", "p99", "p999", "max", "mean");

    private HistogramTable() {
    }

    /** Rows of name → histogram node; rows whose count is 0 are left out. */
    public static MatrixTable of(String caption, String rowHeader, List<String> names, List<JsonNode> histograms) {
        List<String> columns = new ArrayList<>(USUAL);
        for (JsonNode h : histograms) {
            h.properties().forEach(e -> {
                if (e.getValue().isNumber() && !columns.contains(e.getKey())) {
                    columns.add(e.getKey());
                }
            });
        }
        List<String> headers = columns.stream().map(c -> c.equals("count") ? "count" : Figures.label(c)
                + (c.startsWith("p") || c.equals("min") || c.equals("max") || c.equals("mean") ? " (ms)" : "")).toList();
        MatrixTable table = new MatrixTable(caption, rowHeader, headers);
        for (int i = 0; i < names.size(); i++) {
            JsonNode h = histograms.get(i);
            if (!h.isObject() || Json.number(h, "count") == 0) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            List<Double> numbers = new ArrayList<>();
            for (String c : columns) {
                double v = Json.number(h, c);
                cells.add(Double.isNaN(v) ? "" : Figures.number(v));
                numbers.add(c.equals("count") ? Double.NaN : v);
            }
            table.row(names.get(i), cells, numbers);
        }
        return table;
    }
}
