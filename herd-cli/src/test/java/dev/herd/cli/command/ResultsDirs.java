package dev.herd.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Results directories holding only a summary.json, with latencies chosen by the test. */
final class ResultsDirs {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsDirs() {
    }

    /** A broadcast summary whose latency, service time and connect total are all {@code ms} at every percentile. */
    static ObjectNode summary(double ms) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("scenario", "broadcast").put("started", "2026-11-27T20:00:00Z").put("duration_ms", 10_000)
                .put("verdict", "pass");
        s.putObject("target").put("url", "ws://127.0.0.1:8080/ws/{topic}").put("protocol", "websocket");
        s.putObject("connections").put("attempted", 100).put("established", 100).put("failed", 0).put("peak_open", 100);
        histogram(s.putObject("connect").putObject("total"), ms);
        s.putObject("messages").put("published", 1000).put("expected", 100_000).put("received", 100_000).put("lost", 0);
        histogram(s.putObject("latency"), ms);
        histogram(s.putObject("service_time"), ms);
        s.putObject("generator").put("cpu_percent", 20.0).put("trustworthy", true);
        s.putArray("thresholds");
        return s;
    }

    static void histogram(ObjectNode h, double ms) {
        h.put("count", 1000).put("min", ms / 10).put("p50", ms).put("p90", ms).put("p95", ms).put("p99", ms)
                .put("p999", ms).put("max", ms).put("mean", ms);
    }

    static Path write(Path dir, ObjectNode summary) {
        try {
            Files.createDirectories(dir);
            MAPPER.writeValue(dir.resolve("summary.json").toFile(), summary);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
