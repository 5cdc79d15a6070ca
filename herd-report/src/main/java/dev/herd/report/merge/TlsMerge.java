package dev.herd.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.report.summary.SummaryJsonWriter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The {@code tls} section of a run whose processes all spoke TLS: handshake counts add (in all and by version), the
 * engine is the processes' (each is named in {@code merged_from} when they differ), and the full and resumed
 * handshake times come from the processes' interval logs added together, as every other histogram of a merged run.
 */
final class TlsMerge {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String KEY = "tls";

    private TlsMerge() {
    }

    /** The merged section, or null unless some process has one. */
    static ObjectNode merge(List<WorkerResult> workers, Map<String, Histogram> totals) {
        List<JsonNode> sections = workers.stream().map(w -> w.summary().path(KEY)).filter(JsonNode::isObject).toList();
        if (sections.isEmpty()) {
            return null;
        }
        ObjectNode merged = JSON.objectNode();
        JsonNode first = sections.get(0);
        boolean sameProvider = sections.stream().allMatch(s -> s.path("provider").equals(first.path("provider")));
        merged.put("provider", sameProvider ? first.path("provider").asText() : "mixed");
        merged.put("library", sameProvider ? first.path("library").asText() : "mixed");
        merged.put("resume", first.path("resume").asBoolean(true));
        ObjectNode versions = merged.putObject("versions");
        long full = 0;
        long resumed = 0;
        for (JsonNode s : sections) {
            s.path("versions").fields().forEachRemaining(v -> versions.put(v.getKey(),
                    versions.path(v.getKey()).asLong(0) + v.getValue().asLong()));
            full += s.path("full").asLong();
            resumed += s.path("resumed").asLong();
        }
        merged.put("full", full);
        merged.put("resumed", resumed);
        ObjectNode handshake = merged.putObject("handshake");
        handshake.set("full", histogram(totals, "tls.handshake.full"));
        handshake.set("resumed", histogram(totals, "tls.handshake.resumed"));
        return merged;
    }

    private static JsonNode histogram(Map<String, Histogram> totals, String tag) {
        Histogram h = totals.get(tag);
        return SummaryJsonWriter.MAPPER.valueToTree(h == null ? HistogramSummary.EMPTY : HistogramSummary.ofMicros(h));
    }
}
