package dev.herd.report.html.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Charts of an array of objects with numeric fields (a fan-out curve, capacity steps, attempts per 100 ms):
 * one field is x, the others are series, grouped by unit into one chart each (milliseconds, per second,
 * ratios, bytes, other counts) since a p99 and a delivery rate share no axis.
 *
 * <p>x is the first of the preferred fields that every row has, else the first field whose values rise
 * strictly, else the row's position. Rows are sorted by x. A wide x range (100× or more, all positive) gets a
 * log axis.
 *
 * <pre>{@code
 * List<ChartSpec> charts = new RowsChart("fanout-curve", "Fan-out", rows)
 *         .preferX(List.of("n", "subscribers"))
 *         .build();
 * }</pre>
 */
public final class RowsChart {

    /** x fields tried first, in order, when the caller names none. */
    public static final List<String> DEFAULT_X = List.of("t_ms", "t", "time_ms", "n", "subscribers", "clients",
            "connections", "open_connections", "step", "rate");

    private final String id;
    private final String title;
    private final List<JsonNode> rows;
    private List<String> preferX = DEFAULT_X;
    private String style = "line";
    private int colorOffset;

    public RowsChart(String id, String title, List<JsonNode> rows) {
        this.id = id;
        this.title = title;
        this.rows = rows.stream().filter(JsonNode::isObject).toList();
    }

    public RowsChart preferX(List<String> fields) {
        List<String> all = new ArrayList<>(fields);
        DEFAULT_X.stream().filter(f -> !all.contains(f)).forEach(all::add);
        this.preferX = all;
        return this;
    }

    /** {@code line} (default), {@code bars}, {@code step} or {@code points}. */
    public RowsChart style(String seriesStyle) {
        this.style = seriesStyle;
        return this;
    }

    public RowsChart colorOffset(int offset) {
        this.colorOffset = offset;
        return this;
    }

    /** True when the rows can be charted: two rows or more with a numeric field besides x. */
    public static boolean chartable(JsonNode array) {
        if (!array.isArray() || array.size() < 2) {
            return false;
        }
        int withNumbers = 0;
        for (JsonNode row : array) {
            if (row.isObject() && numericFields(List.of(row)).size() >= 1) {
                withNumbers++;
            }
        }
        return withNumbers >= 2 && numericFields(list(array)).size() >= 1;
    }

    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }

    /** The field used as x, or null for the row's position. */
    public String xField() {
        Set<String> fields = numericFields(rows);
        for (String f : preferX) {
            if (fields.contains(f) && rows.stream().allMatch(r -> r.path(f).isNumber()) && fields.size() > 1) {
                return f;
            }
        }
        for (String f : fields) {
            if (fields.size() > 1 && rising(f)) {
                return f;
            }
        }
        return null;
    }

    public List<ChartSpec> build() {
        String xField = xField();
        List<JsonNode> sorted = new ArrayList<>(rows);
        if (xField != null) {
            sorted.sort(Comparator.comparingDouble(r -> r.path(xField).doubleValue()));
        }
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            xs.add(xField == null ? i + 1.0 : sorted.get(i).path(xField).doubleValue());
        }
        boolean logX = xs.size() > 2 && xs.get(0) > 0 && xs.get(xs.size() - 1) / xs.get(0) >= 100;
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (String f : numericFields(sorted)) {
            if (!f.equals(xField)) {
                byUnit.computeIfAbsent(unit(f), u -> new ArrayList<>()).add(f);
            }
        }
        List<ChartSpec> charts = new ArrayList<>();
        int color = colorOffset;
        for (Map.Entry<String, List<String>> group : byUnit.entrySet()) {
            String unit = group.getKey();
            String chartId = byUnit.size() == 1 ? id : id + "-" + unit.replaceAll("[^a-z]", "");
            String chartTitle = byUnit.size() == 1 ? title
                    : title + ": " + (group.getValue().size() == 1 ? label(group.getValue().get(0)) : unitTitle(unit));
            ChartSpec chart = ChartSpec.of(chartId, ChartSpec.Kind.XY, chartTitle, xField == null ? "#" : label(xField))
                    .x(xs).xLog(logX)
                    .description(chartTitle + " against " + (xField == null ? "position" : label(xField)) + ".")
                    .scale(new ChartSpec.Scale("y", unitTitle(unit), false, "left", true));
            for (String f : group.getValue()) {
                List<Double> data = new ArrayList<>();
                for (JsonNode r : sorted) {
                    data.add(r.path(f).isNumber() ? r.path(f).doubleValue() : null);
                }
                chart.series(new ChartSpec.Series(label(f), "y", Palette.color(color++), null, style, data));
            }
            charts.add(chart);
        }
        return charts;
    }

    /** Numeric fields of the rows, in order of first appearance. */
    static Set<String> numericFields(List<JsonNode> rows) {
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode r : rows) {
            r.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    fields.add(e.getKey());
                }
            });
        }
        return fields;
    }

    private boolean rising(String field) {
        double last = Double.NEGATIVE_INFINITY;
        for (JsonNode r : rows) {
            JsonNode v = r.path(field);
            if (!v.isNumber() || v.doubleValue() <= last) {
                return false;
            }
            last = v.doubleValue();
        }
        return true;
    }

    /** A field's unit family, from its name. */
    static String unit(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.endsWith("_ms") || f.matches("(p\\d+|max|min|mean|median)") || f.endsWith("_millis")) {
            return "ms";
        }
        if (f.endsWith("_per_second") || f.endsWith("_per_s") || f.endsWith("_rate_per_second")
                || f.endsWith("_per_sec")) {
            return "per second";
        }
        if (f.contains("ratio") || f.contains("percent") || f.endsWith("_pct") || f.contains("fraction")
                || f.endsWith("error_rate") || f.endsWith("loss_rate") || f.equals("loss") || f.equals("error_rate")) {
            return "ratio";
        }
        if (f.endsWith("_bytes")) {
            return "bytes";
        }
        return "count";
    }

    private static String unitTitle(String unit) {
        return switch (unit) {
            case "ms" -> "milliseconds";
            case "per second" -> "per second";
            case "ratio" -> "ratio / percent";
            case "bytes" -> "bytes";
            default -> "count";
        };
    }

    private static String label(String field) {
        String s = field;
        if (s.matches("p9{3,}")) {
            return "p99." + s.substring(3);
        }
        if (s.equals("t_ms")) {
            return "time (ms)";
        }
        return s.replace("_per_second", "/s").replace("_ms", " (ms)").replace('_', ' ');
    }
}
