package dev.herd.report.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.herd.engine.result.RawJson;
import dev.herd.engine.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code summary.json}: the run's figures under the key names of DESIGN.md (a contract with scripts),
 * common keys first, then the scenario sections beside them.
 *
 * <pre>{@code
 * new SummaryJsonWriter().write(result, dir.resolve("summary.json"));
 * }</pre>
 */
public final class SummaryJsonWriter {

    /**
     * The keys summary.json has whatever the scenario (DESIGN.md's contract, plus {@code merged_from} in a merged
     * result); every other top-level key is a scenario's own section.
     */
    public static final Set<String> COMMON_KEYS = Set.of("scenario", "run_id", "started", "duration_ms", "workers",
            "role", "interrupted", "target", "connections", "connect", "messages", "latency", "service_time",
            "publishers", "generator", "thresholds", "verdict", "merged_from", "slice", "start_at", "start_skew_ms",
            "slices");

    /** Record components are camelCase in Java and snake_case in the file. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("herd").addSerializer(RawJson.class, new RawJsonSerializer()));

    /** JSON from elsewhere goes in as JSON; text that does not parse goes in as a string. */
    private static final class RawJsonSerializer extends StdSerializer<RawJson> {
        RawJsonSerializer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            JsonNode tree;
            try {
                tree = new ObjectMapper().readTree(value.json());
            } catch (IOException e) {
                gen.writeString(value.json());
                return;
            }
            gen.writeTree(tree);
        }
    }

    public void write(RunResult result, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), toJson(result));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public ObjectNode toJson(RunResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("run_id", r.runId());
        root.put("started", r.started());
        root.put("duration_ms", r.durationMs());
        root.put("workers", r.workers());
        root.put("role", r.role());
        root.put("interrupted", r.interrupted());
        root.set("target", tree(r.target()));
        ObjectNode connections = (ObjectNode) tree(r.connections());
        if (connections.path("subscriptions").isNull()) {
            connections.remove("subscriptions"); // only a protocol that subscribes has them
        }
        root.set("connections", connections);
        root.set("connect", tree(r.connect()));
        root.set("messages", tree(r.messages()));
        root.set("latency", tree(r.latency()));
        root.set("service_time", tree(r.serviceTime()));
        if (r.publishers() != null) {
            root.set("publishers", tree(r.publishers()));
        }
        root.set("generator", tree(r.generator()));
        root.set("thresholds", tree(r.thresholds()));
        root.put("verdict", r.verdict());
        for (Map.Entry<String, Object> section : r.sections().entrySet()) {
            root.set(section.getKey(), tree(section.getValue()));
        }
        return root;
    }

    private static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
