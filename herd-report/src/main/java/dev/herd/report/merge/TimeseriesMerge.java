package dev.herd.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Lines the processes' per-second points up on the wall clock (each point's second = its process's start + its
 * {@code t}) and makes one point per second: counts and rates add, gauges of one process's health take the worst,
 * and the latency columns are recomputed from that second's interval histograms of every process added together.
 */
final class TimeseriesMerge {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Per-process health gauges: the worst process's value, not a sum. */
    private static final Set<String> WORST = Set.of("event_loop_lag_max_ms", "cpu_percent");

    /** A column recomputed from the merged interval histograms of one hlog tag; percentile 100 is the max. */
    private record Column(String tag, double percentile) {
    }

    private static final Map<String, Column> FROM_HISTOGRAMS = Map.of(
            "latency_p50_ms", new Column("latency", 50),
            "latency_p95_ms", new Column("latency", 95),
            "latency_p99_ms", new Column("latency", 99),
            "latency_max_ms", new Column("latency", 100),
            "service_time_p99_ms", new Column("service_time", 99),
            "connect_total_p99_ms", new Column("connect.total", 99));

    /** Running totals: a process that has already finished still counts what it received. */
    private static final Set<String> CUMULATIVE = Set.of("messages_received");

    private TimeseriesMerge() {
    }

    /** The merged points, oldest first; {@code t} counts seconds from {@code startedMillis} to the end of the second. */
    static List<ObjectNode> merge(List<WorkerResult> workers, List<Histogram> intervals, long startedMillis) {
        // second (epoch) → per process, its last point in that second
        TreeMap<Long, JsonNode[]> seconds = new TreeMap<>();
        for (int i = 0; i < workers.size(); i++) {
            WorkerResult w = workers.get(i);
            for (JsonNode p : w.points()) {
                long at = w.startedMillis() + Math.round(p.path("t").asDouble() * 1000);
                seconds.computeIfAbsent(Math.floorDiv(at - 1, 1000L), s -> new JsonNode[workers.size()])[i] = p;
            }
        }
        TreeMap<Long, Map<String, Histogram>> histograms = histogramsBySecond(intervals);
        List<ObjectNode> merged = new ArrayList<>();
        JsonNode[] last = new JsonNode[workers.size()];
        for (Map.Entry<Long, JsonNode[]> second : seconds.entrySet()) {
            JsonNode[] points = second.getValue();
            ObjectNode point = JSON.objectNode();
            point.put("t", Math.round((second.getKey() + 1) * 1000 - startedMillis) / 1000.0);
            point.put("stage", stage(workers, points));
            for (int i = 0; i < points.length; i++) {
                if (points[i] != null) {
                    add(point, points[i]);
                    last[i] = points[i];
                } else if (last[i] != null) {
                    for (String key : CUMULATIVE) {
                        point.put(key, point.path(key).asLong(0) + last[i].path(key).asLong(0));
                    }
                }
            }
            Map<String, Histogram> mergedSecond = histograms.getOrDefault(second.getKey(), Map.of());
            for (Map.Entry<String, Column> column : FROM_HISTOGRAMS.entrySet()) {
                Histogram h = mergedSecond.get(column.getValue().tag());
                double percentile = column.getValue().percentile();
                double ms = h == null || h.getTotalCount() == 0 ? 0
                        : (percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile)) / 1000.0;
                point.put(column.getKey(), ms);
            }
            merged.add(point);
        }
        return merged;
    }

    /** The most connections open at once: the highest per-second sum over processes (a process that ended has none). */
    static long peakOpen(List<ObjectNode> merged) {
        return merged.stream().mapToLong(p -> p.path("open").asLong(0)).max().orElse(0);
    }

    private static TreeMap<Long, Map<String, Histogram>> histogramsBySecond(List<Histogram> intervals) {
        TreeMap<Long, Map<String, Histogram>> bySecond = new TreeMap<>();
        for (Histogram h : intervals) {
            // An interval is filed under the second it ends in, as the point that reports it is.
            long second = Math.floorDiv(h.getEndTimeStamp() - 1, 1000L);
            bySecond.computeIfAbsent(second, s -> new TreeMap<>())
                    .computeIfAbsent(h.getTag(), t -> new Histogram(h.getNumberOfSignificantValueDigits()))
                    .add(h);
        }
        return bySecond;
    }

    private static String stage(List<WorkerResult> workers, JsonNode[] points) {
        String any = null;
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null) {
                continue;
            }
            String stage = points[i].path("stage").asText("");
            if (workers.get(i).published()) {
                return stage; // the publisher's stage says what the run was doing
            }
            any = any == null ? stage : any;
        }
        return any == null ? "" : any;
    }

    private static void add(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (key.equals("t") || key.equals("stage") || FROM_HISTOGRAMS.containsKey(key) || !v.isNumber()) {
                continue;
            }
            JsonNode mine = into.get(key);
            if (WORST.contains(key)) {
                into.put(key, Math.max(mine == null ? 0 : mine.asDouble(), v.asDouble()));
            } else if (v.isIntegralNumber()) {
                into.put(key, (mine == null ? 0 : mine.asLong()) + v.asLong());
            } else {
                into.put(key, Math.round(((mine == null ? 0 : mine.asDouble()) + v.asDouble()) * 10) / 10.0);
            }
        }
    }
}
