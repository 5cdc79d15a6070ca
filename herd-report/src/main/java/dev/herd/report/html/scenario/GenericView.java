package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Figures;
import dev.herd.report.html.HistogramTable;
import dev.herd.report.html.Html;
import dev.herd.report.html.Json;
import dev.herd.report.html.KeyValueTable;
import dev.herd.report.html.MatrixTable;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.RowsChart;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws any part of summary.json it is given, whatever its keys: plain values as a name/value table, maps of
 * objects with numbers (phases, before/during/after) as one table, arrays of objects with numbers as charts
 * with their rows in a table, maps keyed by numbers as bars, other objects as sub-headings (recursively), and
 * anything else as JSON text. It is the fallback for scenario sections this report has no view for, and for
 * the keys a specific view does not know.
 *
 * <pre>{@code
 * new GenericView(charts, "fanout").render(section, Set.of("curve"), html);
 * }</pre>
 */
public final class GenericView {

    private static final int MAX_DEPTH = 4;
    private static final int MAX_TABLE_ROWS = 500;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Charts charts;
    private final String idPrefix;
    private List<String> preferX = RowsChart.DEFAULT_X;

    /**
     * @param charts where charts go
     * @param idPrefix makes chart ids unique on the page (the section's key)
     */
    public GenericView(Charts charts, String idPrefix) {
        this.charts = charts;
        this.idPrefix = idPrefix;
    }

    /** Fields to try first as the x of an array's charts (a fan-out's {@code n}, capacity's {@code open}). */
    public GenericView preferX(List<String> fields) {
        this.preferX = List.copyOf(fields);
        return this;
    }

    /** Renders a node, leaving out the given top-level keys (already drawn by a specific view). */
    public void render(JsonNode node, Set<String> skip, Html html) {
        render(node, skip, html, 0, idPrefix);
    }

    /** Text longer than this is shown as a paragraph. */
    private static final int LONG_TEXT = 48;

    private void render(JsonNode node, Set<String> skip, Html html, int depth, String path) {
        if (node.isArray()) {
            array(node, html, path, Figures.label(lastSegment(path)));
            return;
        }
        if (!node.isObject()) {
            html.element("p", node.isNull() ? "(null)" : node.asText(), "class", "value");
            return;
        }
        KeyValueTable values = new KeyValueTable(null);
        List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (skip.contains(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual() && v.asText().length() > LONG_TEXT) {
                // A sentence (a summary, evidence) reads as a paragraph, not squeezed into a grid cell.
                html.element("p", Figures.label(e.getKey()) + ": " + v.asText(), "class", "explain");
            } else if (v.isValueNode()) {
                values.row(Figures.label(e.getKey()), value(e.getKey(), v));
            } else if (v.isArray() && isScalarArray(v)) {
                values.row(Figures.label(e.getKey()), scalarList(v));
            } else {
                nested.add(e);
            }
        }
        values.render(html);
        List<String> histogramNames = new ArrayList<>();
        List<JsonNode> histograms = new ArrayList<>();
        nested.removeIf(e -> {
            if (isHistogram(e.getValue())) {
                histogramNames.add(Figures.label(e.getKey()));
                histograms.add(e.getValue());
                return true;
            }
            return false;
        });
        if (!histograms.isEmpty()) {
            HistogramTable.of("Histograms", "", histogramNames, histograms).render(html);
        }
        for (Map.Entry<String, JsonNode> e : nested) {
            String childPath = path + "." + e.getKey();
            String heading = Figures.label(e.getKey());
            html.element(depth == 0 ? "h3" : "h4", heading);
            if (depth >= MAX_DEPTH) {
                json(e.getValue(), html);
            } else if (e.getValue().isArray()) {
                array(e.getValue(), html, childPath, heading);
            } else if (isMapOfFigures(e.getValue())) {
                figuresTable(e.getValue(), heading, html);
            } else if (isNumericKeyedMap(e.getValue())) {
                numericKeyedMap(e.getValue(), heading, html, childPath);
            } else {
                render(e.getValue(), Set.of(), html, depth + 1, childPath);
            }
        }
    }

    /** An array: charts and a table when its objects have numbers, a list of values, or JSON text. */
    void array(JsonNode array, Html html, String path, String title) {
        if (array.isEmpty()) {
            html.element("p", "(empty)", "class", "muted");
        } else if (isScalarArray(array)) {
            html.element("p", scalarList(array), "class", "value");
        } else if (RowsChart.chartable(array)) {
            List<JsonNode> rows = RowsChart.list(array);
            for (ChartSpec chart : new RowsChart(charts.freshId(path), title, rows).preferX(preferX).build()) {
                charts.place(html, chart);
            }
            rowsTable(rows, title, html);
        } else if (allObjects(array)) {
            rowsTable(RowsChart.list(array), title, html);
        } else {
            json(array, html);
        }
    }

    /** The rows of an array of objects as a table, folded away (the chart is what one reads first). */
    public static void rowsTable(List<JsonNode> rows, String title, Html html) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> r.properties().forEach(e -> columns.add(e.getKey())));
        List<String> cols = new ArrayList<>(columns);
        MatrixTable table = new MatrixTable(title, "#", cols.stream().map(Figures::label).toList());
        for (int i = 0; i < rows.size() && i < MAX_TABLE_ROWS; i++) {
            JsonNode r = rows.get(i);
            List<String> cells = new ArrayList<>();
            List<Double> numbers = new ArrayList<>();
            for (String c : cols) {
                JsonNode v = r.path(c);
                cells.add(v.isMissingNode() ? "" : v.isValueNode() ? value(c, v) : compact(v));
                numbers.add(Double.NaN);
            }
            table.row(String.valueOf(i + 1), cells, numbers);
        }
        html.open("details", "class", "data").element("summary", "Data: " + rows.size() + " rows"
                + (rows.size() > MAX_TABLE_ROWS ? " (first " + MAX_TABLE_ROWS + " shown)" : ""));
        table.render(html);
        html.close("details").newline();
    }

    /** A map of name → object with numbers (phases, before/during/after) as one table, one row per name. */
    public static void figuresTable(JsonNode map, String caption, Html html) {
        Set<String> columns = new LinkedHashSet<>();
        map.properties().forEach(e -> e.getValue().properties().forEach(f -> {
            if (f.getValue().isValueNode()) {
                columns.add(f.getKey());
            }
        }));
        List<String> cols = new ArrayList<>(columns);
        MatrixTable table = new MatrixTable(caption, "", cols.stream().map(Figures::label).toList());
        map.properties().forEach(e -> {
            List<String> cells = new ArrayList<>();
            List<Double> numbers = new ArrayList<>();
            for (String c : cols) {
                JsonNode v = e.getValue().path(c);
                cells.add(v.isMissingNode() ? "" : value(c, v));
                numbers.add(Double.NaN);
            }
            table.row(Figures.label(e.getKey()), cells, numbers);
        });
        table.render(html);
    }

    private void numericKeyedMap(JsonNode map, String title, Html html, String path) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(map.properties());
        entries.sort((a, b) -> Double.compare(Double.parseDouble(a.getKey()), Double.parseDouble(b.getKey())));
        for (Map.Entry<String, JsonNode> e : entries) {
            xs.add(Double.parseDouble(e.getKey()));
            ys.add(e.getValue().doubleValue());
        }
        List<Double> positions = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            positions.add((double) i);
        }
        charts.place(html, ChartSpec.of(charts.freshId(path), ChartSpec.Kind.CATEGORY, title, "key")
                .x(positions).categories(entries.stream().map(Map.Entry::getKey).toList())
                .description(title + ": value by key.")
                .scale(new ChartSpec.Scale("y", "count", false, "left", true))
                .series(new ChartSpec.Series(title, "y", dev.herd.report.html.chart.Palette.color(0), null, "bars", ys))
                .height(220));
        KeyValueTable t = new KeyValueTable(title);
        entries.forEach(e -> t.row(e.getKey(), value("", e.getValue())));
        html.open("details", "class", "data").element("summary", "Data: " + entries.size() + " rows");
        t.render(html);
        html.close("details");
    }

    /** A histogram as summary.json writes one: a count and percentiles, all numbers. */
    static boolean isHistogram(JsonNode node) {
        if (!node.isObject() || !node.path("count").isNumber() || !(node.has("p50") || node.has("p99"))) {
            return false;
        }
        for (JsonNode v : node) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return true;
    }

    static boolean isMapOfFigures(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return false;
        }
        for (JsonNode v : node) {
            if (!Json.hasNumbers(v)) {
                return false;
            }
            for (JsonNode f : v) {
                if (!f.isValueNode()) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isNumericKeyedMap(JsonNode node) {
        if (!node.isObject() || node.size() < 3) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isNumber() || !e.getKey().matches("-?\\d+(\\.\\d+)?")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScalarArray(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String scalarList(JsonNode array) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : array) {
            if (parts.size() == 50) {
                parts.add("… (" + array.size() + " in all)");
                break;
            }
            parts.add(v.isNumber() ? Figures.number(v.doubleValue()) : v.asText());
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    /** A value formatted by its key's unit. */
    public static String value(String key, JsonNode v) {
        if (v.isNumber()) {
            return Figures.byKey(key, v.doubleValue());
        }
        return v.isNull() ? "–" : v.asText();
    }

    private static String compact(JsonNode v) {
        String s = v.toString();
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }

    private static void json(JsonNode v, Html html) {
        try {
            html.element("pre", PRETTY.writeValueAsString(v), "class", "json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            html.element("pre", v.toString(), "class", "json");
        }
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
