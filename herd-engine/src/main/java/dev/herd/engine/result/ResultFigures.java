package dev.herd.engine.result;

import dev.herd.engine.scenario.JsonTree;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A run's figures by their summary.json paths ({@code latency.p99}, {@code connections.failed},
 * {@code reconnect_storm.recovery_ms.p100}), read from the typed result itself: what thresholds are checked against
 * inside the engine, with no round trip through a file. Record components are named as summary.json names them
 * (snake_case); booleans are 1 or 0; lists are left out (no threshold names an element).
 *
 * <pre>{@code
 * ThresholdVerdict verdict = ThresholdEvaluator.evaluate(thresholds, ResultFigures.of(result));
 * }</pre>
 */
public final class ResultFigures implements Function<String, OptionalDouble> {

    private final Map<String, Double> figures = new LinkedHashMap<>();

    private ResultFigures(RunResult result) {
        flatten("", result);
    }

    public static ResultFigures of(RunResult result) {
        return new ResultFigures(result);
    }

    @Override
    public OptionalDouble apply(String path) {
        Double v = figures.get(path);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Every figure, by path. */
    public Map<String, Double> asMap() {
        return Map.copyOf(figures);
    }

    private void flatten(String path, Object value) {
        if (value == null || value instanceof List<?> || value instanceof String || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Number n) {
            figures.put(path, n.doubleValue());
        } else if (value instanceof Boolean b) {
            figures.put(path, b ? 1.0 : 0.0);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(child(path, String.valueOf(k)), v));
        } else if (value instanceof RawJson raw) {
            try {
                flatten(path, JsonTree.parse(raw.json()));
            } catch (IllegalArgumentException notJson) {
                // kept as text in summary.json: no figure to read
            }
        } else if (value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v;
                try {
                    c.getAccessor().setAccessible(true);
                    v = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + value.getClass(), e);
                }
                // A run's scenario sections sit beside the common keys in summary.json, not under a key of their own.
                boolean sections = value instanceof RunResult && c.getName().equals("sections");
                flatten(sections ? path : child(path, snakeCase(c.getName())), v);
            }
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** {@code maxEventLoopLagMs} → {@code max_event_loop_lag_ms}, as summary.json writes record components. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
