package dev.herd.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code connect_storm} section of a storm run by several processes at once: clients, rates and open counts add
 * (the workers storm side by side, each timed from its own start), the last client open is the latest worker's, and
 * the open curve adds the workers' curves at equal times since their starts. Per-phase percentiles are left to the
 * run's {@code connect} section, which is recomputed from the interval logs.
 */
final class ConnectStormMerge {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String KEY = "connect_storm";

    private ConnectStormMerge() {
    }

    /** The merged section, or null unless every process has one. */
    static ObjectNode merge(List<WorkerResult> workers) {
        for (WorkerResult w : workers) {
            if (!w.summary().path(KEY).isObject()) {
                return null;
            }
        }
        ObjectNode merged = JSON.objectNode();
        merged.put("clients", sum(workers, "clients"));
        merged.put("within_ms", max(workers, "within_ms"));
        merged.put("asked_rate", round1(sumDouble(workers, "asked_rate")));
        merged.put("achieved_rate", round1(sumDouble(workers, "achieved_rate")));
        merged.put("established", sum(workers, "established"));
        merged.put("failed", sum(workers, "failed"));
        boolean anyOpened = workers.stream().anyMatch(w -> w.summary().path(KEY).path("last_open_ms").isNumber());
        if (anyOpened) {
            merged.put("last_open_ms", max(workers, "last_open_ms"));
        } else {
            merged.putNull("last_open_ms");
        }
        merged.put("hold_ms", max(workers, "hold_ms"));
        merged.put("open_at_hold_start", sum(workers, "open_at_hold_start"));
        merged.put("open_after_hold", sum(workers, "open_after_hold"));
        merged.set("open_curve", openCurve(workers));
        return merged;
    }

    private static ArrayNode openCurve(List<WorkerResult> workers) {
        TreeMap<Long, Long> open = new TreeMap<>();
        for (WorkerResult w : workers) {
            for (JsonNode p : w.summary().path(KEY).path("open_curve")) {
                open.merge(p.path("t_ms").asLong(), p.path("open").asLong(), Long::sum);
            }
        }
        ArrayNode curve = JSON.arrayNode();
        open.forEach((t, n) -> curve.addObject().put("t_ms", t).put("open", n));
        return curve;
    }

    private static long sum(List<WorkerResult> workers, String key) {
        return workers.stream().mapToLong(w -> w.summary().path(KEY).path(key).asLong(0)).sum();
    }

    private static double sumDouble(List<WorkerResult> workers, String key) {
        return workers.stream().mapToDouble(w -> w.summary().path(KEY).path(key).asDouble(0)).sum();
    }

    private static long max(List<WorkerResult> workers, String key) {
        return workers.stream().mapToLong(w -> w.summary().path(KEY).path(key).asLong(0)).max().orElse(0);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
