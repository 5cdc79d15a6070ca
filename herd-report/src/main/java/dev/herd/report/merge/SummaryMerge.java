package dev.herd.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.report.summary.SummaryJsonWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Builds one summary.json from the summaries of a run's processes. Counts add up; percentiles come from the
 * processes' interval histograms added together (HdrHistogram adds without loss), never from averaging
 * percentiles; the generator is trustworthy only if every process was. Each process's own scenario sections stay
 * with it under {@code merged_from}; a connect storm's also add up into one ({@link ConnectStormMerge}), and so do the
 * TLS handshake counts ({@link TlsMerge}); the others (a steady run's windows, a sweep's steps) are each process's own.
 */
final class SummaryMerge {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SummaryMerge() {
    }

    /**
     * @param workers the processes' results, all of one run
     * @param totals each hlog tag's histogram summed over every process, microseconds
     * @param peakOpen the most connections open at once across processes
     */
    static ObjectNode merge(List<WorkerResult> workers, Map<String, Histogram> totals, long peakOpen) {
        WorkerResult first = workers.get(0);
        long started = workers.stream().mapToLong(WorkerResult::startedMillis).min().orElseThrow();
        long ended = workers.stream().mapToLong(WorkerResult::endMillis).max().orElseThrow();

        ObjectNode root = JSON.objectNode();
        root.put("scenario", first.summary().path("scenario").asText());
        root.put("run_id", first.summary().path("run_id").asText());
        root.put("started", Instant.ofEpochMilli(started).toString());
        root.put("duration_ms", ended - started);
        root.put("workers", workers.stream().mapToInt(w -> Math.max(1, w.summary().path("workers").asInt(1))).sum());
        root.put("role", "merged");
        root.put("interrupted", workers.stream().anyMatch(w -> w.summary().path("interrupted").asBoolean(false)));
        root.set("target", target(workers));
        root.set("connections", connections(workers, peakOpen));
        root.set("connect", connect(workers, totals));
        root.set("messages", messages(workers));
        root.set("latency", histogram(totals, "latency"));
        root.set("service_time", histogram(totals, "service_time"));
        ObjectNode publishers = publishers(workers);
        if (publishers != null) {
            root.set("publishers", publishers);
        }
        root.set("generator", generator(workers, totals));
        root.set("thresholds", JSON.arrayNode());
        root.put("verdict", "pass");
        root.set("merged_from", mergedFrom(workers));
        ObjectNode slices = slices(workers);
        if (slices != null) {
            root.set("slices", slices);
        }
        ObjectNode tls = TlsMerge.merge(workers, totals);
        if (tls != null) {
            root.set("tls", tls);
        }
        ObjectNode storm = ConnectStormMerge.merge(workers);
        if (storm != null) {
            root.set("connect_storm", storm);
        }
        return root;
    }

    private static JsonNode target(List<WorkerResult> workers) {
        // The publishing process knows where messages went; any process knows the subscribe URL.
        for (WorkerResult w : workers) {
            if (!w.summary().path("target").path("publish_url").isMissingNode()
                    && !w.summary().path("target").path("publish_url").isNull()) {
                return w.summary().path("target").deepCopy();
            }
        }
        return workers.get(0).summary().path("target").deepCopy();
    }

    private static ObjectNode connections(List<WorkerResult> workers, long peakOpen) {
        ObjectNode sum = sum(workers, "connections");
        sum.put("peak_open", peakOpen);
        return sum;
    }

    private static ObjectNode connect(List<WorkerResult> workers, Map<String, Histogram> totals) {
        Set<String> phases = new LinkedHashSet<>();
        for (WorkerResult w : workers) {
            w.summary().path("connect").fieldNames().forEachRemaining(phases::add);
        }
        ObjectNode connect = JSON.objectNode();
        for (String phase : phases) {
            connect.set(phase, histogram(totals, "connect." + phase));
        }
        return connect;
    }

    private static ObjectNode messages(List<WorkerResult> workers) {
        ObjectNode sum = sum(workers, "messages");
        sum.put("max_lost_per_subscriber", workers.stream()
                .mapToLong(w -> w.summary().path("messages").path("max_lost_per_subscriber").asLong(0)).max().orElse(0));
        // A subscribing-only process infers "published" from the highest sequence it saw: the publisher's own
        // count is the true one, and inferred ones must not be added to it.
        List<WorkerResult> publishing = workers.stream().filter(WorkerResult::published).toList();
        long published = publishing.isEmpty()
                ? workers.stream().mapToLong(w -> w.summary().path("messages").path("published").asLong(0)).max().orElse(0)
                : publishing.stream().mapToLong(w -> w.summary().path("messages").path("published").asLong(0)).sum();
        sum.put("published", published);
        return sum;
    }

    private static ObjectNode publishers(List<WorkerResult> workers) {
        List<ObjectNode> found = new ArrayList<>();
        for (WorkerResult w : workers) {
            if (w.summary().path("publishers") instanceof ObjectNode p) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode merged = found.get(0).deepCopy();
        for (int i = 1; i < found.size(); i++) {
            addInto(merged, found.get(i));
        }
        return merged;
    }

    private static ObjectNode generator(List<WorkerResult> workers, Map<String, Histogram> totals) {
        ObjectNode g = JSON.objectNode();
        g.put("max_event_loop_lag_ms", max(workers, "max_event_loop_lag_ms"));
        Histogram lag = totals.get("generator.event_loop_lag");
        g.put("event_loop_lag_p99_ms", lag == null || lag.getTotalCount() == 0
                ? max(workers, "event_loop_lag_p99_ms") : lag.getValueAtPercentile(99) / 1000.0);
        // Processes may run on different hosts: the busiest one's CPU, not a sum over machines.
        g.put("cpu_percent", max(workers, "cpu_percent"));
        g.put("peak_cpu_percent", max(workers, "peak_cpu_percent"));
        g.put("gc_pause_ms", workers.stream().mapToDouble(w -> generatorFigure(w, "gc_pause_ms")).sum());
        g.put("max_gc_pause_ms_per_second", max(workers, "max_gc_pause_ms_per_second"));
        g.put("peak_heap_bytes", (long) max(workers, "peak_heap_bytes"));
        g.put("peak_open_file_descriptors", (long) max(workers, "peak_open_file_descriptors"));
        g.put("max_file_descriptors", (long) min(workers, "max_file_descriptors"));
        g.put("peak_client_sockets", (long) max(workers, "peak_client_sockets"));
        g.put("ephemeral_port_range", (long) min(workers, "ephemeral_port_range"));
        g.put("event_loops", workers.stream().mapToLong(w -> (long) generatorFigure(w, "event_loops")).sum());
        ArrayNode reasons = JSON.arrayNode();
        boolean trustworthy = true;
        for (WorkerResult w : workers) {
            JsonNode gen = w.summary().path("generator");
            if (!gen.path("trustworthy").asBoolean(false)) {
                trustworthy = false;
                String where = w.directory().getFileName() + ": ";
                if (gen.path("reasons").isArray() && !gen.path("reasons").isEmpty()) {
                    gen.path("reasons").forEach(r -> reasons.add(where + r.asText()));
                } else {
                    reasons.add(where + "not trustworthy");
                }
            }
        }
        g.put("trustworthy", trustworthy);
        g.set("reasons", reasons);
        return g;
    }

    /**
     * How the slices of a split run began: their number, the start instant they shared, and how late their measured
     * phases began ({@code start_skew_ms}: least, most, and the spread between); null when no process was a slice.
     */
    private static ObjectNode slices(List<WorkerResult> workers) {
        List<WorkerResult> sliced = workers.stream().filter(w -> w.summary().has("slice")).toList();
        if (sliced.isEmpty()) {
            return null;
        }
        ObjectNode out = JSON.objectNode();
        out.put("count", sliced.size());
        sliced.stream().map(w -> w.summary().path("start_at")).filter(JsonNode::isTextual).findFirst()
                .ifPresent(at -> out.put("start_at", at.asText()));
        double[] skews = sliced.stream().map(w -> w.summary().path("start_skew_ms")).filter(JsonNode::isNumber)
                .mapToDouble(JsonNode::asDouble).toArray();
        if (skews.length > 0) {
            double min = java.util.Arrays.stream(skews).min().orElse(0);
            double max = java.util.Arrays.stream(skews).max().orElse(0);
            ObjectNode skew = out.putObject("start_skew_ms");
            skew.put("min", min);
            skew.put("max", max);
            skew.put("spread", Math.round((max - min) * 1000) / 1000.0);
        }
        return out;
    }

    private static ArrayNode mergedFrom(List<WorkerResult> workers) {
        ArrayNode list = JSON.arrayNode();
        for (WorkerResult w : workers) {
            ObjectNode s = w.summary();
            ObjectNode entry = list.addObject();
            entry.put("directory", w.directory().toString());
            entry.put("role", w.role());
            entry.put("started", s.path("started").asText());
            entry.put("duration_ms", s.path("duration_ms").asLong());
            entry.put("verdict", s.path("verdict").asText());
            entry.put("trustworthy", s.path("generator").path("trustworthy").asBoolean(false));
            entry.put("established", s.path("connections").path("established").asLong());
            entry.put("received", s.path("messages").path("received").asLong());
            entry.put("lost", s.path("messages").path("lost").asLong());
            for (String key : List.of("slice", "start_at", "start_skew_ms")) {
                if (s.has(key)) {
                    entry.set(key, s.get(key).deepCopy());
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = s.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!SummaryJsonWriter.COMMON_KEYS.contains(f.getKey()) && f.getValue().isContainerNode()) {
                    entry.set(f.getKey(), f.getValue().deepCopy());
                }
            }
        }
        return list;
    }

    private static JsonNode histogram(Map<String, Histogram> totals, String tag) {
        Histogram h = totals.get(tag);
        HistogramSummary summary = h == null ? HistogramSummary.EMPTY : HistogramSummary.ofMicros(h);
        return SummaryJsonWriter.MAPPER.valueToTree(summary);
    }

    /** The section {@code key} of every summary added field by field (numbers add; maps of numbers add per key). */
    private static ObjectNode sum(List<WorkerResult> workers, String key) {
        ObjectNode sum = JSON.objectNode();
        for (WorkerResult w : workers) {
            if (w.summary().path(key) instanceof ObjectNode section) {
                addInto(sum, section);
            }
        }
        return sum;
    }

    private static void addInto(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode mine = into.get(f.getKey());
            JsonNode theirs = f.getValue();
            if (theirs.isObject()) {
                ObjectNode child = mine instanceof ObjectNode o ? o : into.putObject(f.getKey());
                addInto(child, (ObjectNode) theirs);
            } else if (theirs.isIntegralNumber()) {
                into.put(f.getKey(), (mine != null && mine.isNumber() ? mine.asLong() : 0) + theirs.asLong());
            } else if (theirs.isNumber()) {
                into.put(f.getKey(), (mine != null && mine.isNumber() ? mine.asDouble() : 0) + theirs.asDouble());
            } else if (mine == null) {
                into.set(f.getKey(), theirs.deepCopy());
            }
        }
    }

    private static double generatorFigure(WorkerResult w, String key) {
        return w.summary().path("generator").path(key).asDouble(0);
    }

    private static double max(List<WorkerResult> workers, String key) {
        return workers.stream().mapToDouble(w -> generatorFigure(w, key)).max().orElse(0);
    }

    private static double min(List<WorkerResult> workers, String key) {
        return workers.stream().mapToDouble(w -> generatorFigure(w, key)).min().orElse(0);
    }
}
