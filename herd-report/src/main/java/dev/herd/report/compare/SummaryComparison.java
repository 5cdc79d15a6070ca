package dev.herd.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Json;
import dev.herd.report.summary.SummaryJsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs' summary.json side by side: every key figure with its change and whether that change is better or
 * worse (direction-aware), and the regression rule for CI: a key latency that grew by more than a percentage.
 *
 * <pre>{@code
 * SummaryComparison c = SummaryComparison.of(base.summary(), next.summary());
 * c.figures();                    // every figure, grouped
 * c.regressions(10.0);            // key latencies that grew by more than 10%
 * }</pre>
 */
public final class SummaryComparison {

    /** The latencies {@code --fail-on-regression} watches: summary.json paths. */
    public static final List<String> KEY_LATENCIES = List.of("latency.p50", "latency.p95", "latency.p99",
            "latency.p999", "service_time.p99", "connect.total.p99");

    private static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99", "p999", "max", "mean");

    private final JsonNode base;
    private final JsonNode next;
    private final List<FigureDelta> figures = new ArrayList<>();

    private SummaryComparison(JsonNode base, JsonNode next) {
        this.base = base;
        this.next = next;
    }

    public static SummaryComparison of(JsonNode base, JsonNode next) {
        SummaryComparison c = new SummaryComparison(base, next);
        c.collect();
        return c;
    }

    public List<FigureDelta> figures() {
        return List.copyOf(figures);
    }

    public JsonNode base() {
        return base;
    }

    public JsonNode next() {
        return next;
    }

    /**
     * The key latencies that grew by more than {@code percent}. A latency counts only when both runs measured
     * it (count above 0) and the base is above 0.
     */
    public List<FigureDelta> regressions(double percent) {
        List<FigureDelta> out = new ArrayList<>();
        for (String path : KEY_LATENCIES) {
            FigureDelta f = find(path);
            String histogram = path.substring(0, path.lastIndexOf('.'));
            boolean measured = Json.number(base, histogram + ".count") > 0 && Json.number(next, histogram + ".count") > 0;
            if (f != null && measured && f.base() > 0 && f.deltaPercent() > percent) {
                out.add(f);
            }
        }
        return out;
    }

    /** The figure at a path, or null. */
    public FigureDelta find(String path) {
        return figures.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
    }

    private void collect() {
        histogram("latency", "latency", "latency");
        histogram("service time", "service_time", "service time");
        for (String phase : union("connect")) {
            if (Json.at(base, "connect." + phase).isObject() || Json.at(next, "connect." + phase).isObject()) {
                if (Json.number(base, "connect." + phase + ".count") > 0
                        || Json.number(next, "connect." + phase + ".count") > 0) {
                    histogram("connect phases", "connect." + phase, "connect " + phase.replace('_', ' '));
                }
            }
        }
        String[][] connections = {
            {"attempted", "N"}, {"established", "H"}, {"failed", "L"}, {"peak_open", "H"}, {"open_at_end", "H"},
            {"closed_by_server", "L"}, {"closed_by_error", "L"}, {"reconnects", "N"}, {"reconnect_attempts", "L"},
        };
        counts("connections", "connections", connections);
        String[][] messages = {
            {"published", "H"}, {"expected", "N"}, {"received", "H"}, {"lost", "L"}, {"duplicated", "L"},
            {"reordered", "L"}, {"publish_failed", "L"}, {"publish_skipped", "L"}, {"negative_latencies", "L"},
            {"received_bytes", "N"},
        };
        counts("messages", "messages", messages);
        rates();
        String[][] generator = {
            {"max_event_loop_lag_ms", "L"}, {"event_loop_lag_p99_ms", "L"}, {"cpu_percent", "L"},
            {"peak_cpu_percent", "L"}, {"gc_pause_ms", "L"}, {"max_gc_pause_ms_per_second", "L"},
            {"peak_heap_bytes", "L"}, {"peak_open_file_descriptors", "N"},
        };
        counts("generator", "generator", generator);
        add("generator", "generator.trustworthy", "generator trustworthy (1 = yes)", "",
                bool(base, "generator.trustworthy"), bool(next, "generator.trustworthy"), Direction.HIGHER_IS_BETTER);
        add("run", "duration_ms", "duration", "ms", Json.number(base, "duration_ms"), Json.number(next, "duration_ms"),
                Direction.NEUTRAL);
        sections();
    }

    private void histogram(String group, String path, String label) {
        for (String p : PERCENTILES) {
            add(group, path + "." + p, label + " " + (p.equals("p999") ? "p99.9" : p), "ms",
                    Json.number(base, path + "." + p), Json.number(next, path + "." + p), Direction.LOWER_IS_BETTER);
        }
        add(group, path + ".count", label + " count", "", Json.number(base, path + ".count"),
                Json.number(next, path + ".count"), Direction.NEUTRAL);
    }

    private void counts(String group, String object, String[][] keys) {
        for (String[] k : keys) {
            String path = object + "." + k[0];
            double b = Json.number(base, path);
            double n = Json.number(next, path);
            if (Double.isNaN(b) && Double.isNaN(n)) {
                continue;
            }
            Direction d = switch (k[1]) {
                case "H" -> Direction.HIGHER_IS_BETTER;
                case "L" -> Direction.LOWER_IS_BETTER;
                default -> Direction.NEUTRAL;
            };
            add(group, path, object.equals("generator") ? words(k[0]) : object + " " + words(k[0]), unit(k[0]), b, n, d);
        }
    }

    /** Rates derived from counts and duration: what a sweep compares when runs last differently. */
    private void rates() {
        add("rates", "rate.delivered_per_second", "deliveries per second", "/s", perSecond(base, "messages.received"),
                perSecond(next, "messages.received"), Direction.HIGHER_IS_BETTER);
        add("rates", "rate.published_per_second", "published per second", "/s", perSecond(base, "messages.published"),
                perSecond(next, "messages.published"), Direction.HIGHER_IS_BETTER);
        add("rates", "rate.connects_per_second", "connects per second", "/s",
                perSecond(base, "connections.established"), perSecond(next, "connections.established"),
                Direction.HIGHER_IS_BETTER);
        add("rates", "rate.delivery_percent", "delivered of expected", "%", ratio(base), ratio(next),
                Direction.HIGHER_IS_BETTER);
    }

    /** Numbers at the top level of each scenario section both runs (or either) have. */
    private void sections() {
        Set<String> keys = new LinkedHashSet<>();
        base.properties().forEach(e -> keys.add(e.getKey()));
        next.properties().forEach(e -> keys.add(e.getKey()));
        for (String section : keys) {
            if (SummaryJsonWriter.COMMON_KEYS.contains(section) || !(base.path(section).isObject()
                    || next.path(section).isObject())) {
                continue;
            }
            for (String key : union(section)) {
                String path = section + "." + key;
                double b = Json.number(base, path);
                double n = Json.number(next, path);
                if (!Double.isNaN(b) || !Double.isNaN(n)) {
                    add(section, path, words(key), unit(key), b, n, Direction.guess(key));
                }
            }
        }
    }

    private Set<String> union(String object) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode root : List.of(base, next)) {
            JsonNode o = Json.at(root, object);
            if (o.isObject()) {
                for (Map.Entry<String, JsonNode> e : o.properties()) {
                    keys.add(e.getKey());
                }
            }
        }
        return keys;
    }

    private void add(String group, String path, String label, String unit, double b, double n, Direction d) {
        if (Double.isNaN(b) && Double.isNaN(n)) {
            return;
        }
        figures.add(new FigureDelta(group, path, label, unit, b, n, d));
    }

    private static double perSecond(JsonNode s, String countPath) {
        double count = Json.number(s, countPath);
        double ms = Json.number(s, "duration_ms");
        return ms > 0 && !Double.isNaN(count) ? count * 1000.0 / ms : Double.NaN;
    }

    private static double ratio(JsonNode s) {
        double expected = Json.number(s, "messages.expected");
        double received = Json.number(s, "messages.received");
        return expected > 0 ? 100.0 * received / expected : Double.NaN;
    }

    private static double bool(JsonNode s, String path) {
        Boolean b = Json.bool(s, path);
        return b == null ? Double.NaN : b ? 1 : 0;
    }

    /** A key as words, without the unit suffix the unit column shows. */
    private static String words(String key) {
        String k = key;
        for (String suffix : List.of("_ms", "_percent", "_per_second")) {
            if (k.endsWith(suffix) && k.length() > suffix.length() && !unit(key).isEmpty()) {
                k = k.substring(0, k.length() - suffix.length());
                break;
            }
        }
        return k.replace('_', ' ');
    }

    private static String unit(String key) {
        if (key.contains("_ms_")) {
            return "";
        }
        if (key.endsWith("_ms")) {
            return "ms";
        }
        if (key.endsWith("_percent")) {
            return "%";
        }
        if (key.endsWith("_bytes")) {
            return "bytes";
        }
        if (key.endsWith("_rate") || key.endsWith("_per_second")) {
            return "/s";
        }
        return "";
    }
}
