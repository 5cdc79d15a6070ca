package dev.herd.report.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * summary.json flattened to dotted paths ({@code latency.p99}, {@code connections.failed}) with numeric values,
 * booleans as 1 or 0: what thresholds are checked against. Arrays are left out (no threshold names an element).
 */
public final class SummaryFigures implements Function<String, OptionalDouble> {

    private final Map<String, Double> figures = new LinkedHashMap<>();

    public SummaryFigures(JsonNode summary) {
        flatten("", summary);
    }

    private void flatten(String prefix, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue());
            }
        } else if (node.isNumber()) {
            figures.put(prefix, node.doubleValue());
        } else if (node.isBoolean()) {
            figures.put(prefix, node.booleanValue() ? 1.0 : 0.0);
        }
    }

    @Override
    public OptionalDouble apply(String path) {
        Double v = figures.get(path);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public Map<String, Double> asMap() {
        return Map.copyOf(figures);
    }
}
