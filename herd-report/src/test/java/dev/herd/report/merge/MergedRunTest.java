package dev.herd.report.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.hlog.IntervalLogFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging a run's processes: counts add, percentiles come from the added histograms, time lines up on the clock. */
class MergedRunTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-11-27T10:00:00.200Z").toEpochMilli();

    @TempDir
    Path tmp;

    @Test
    void countsAddAndThePublisherSaysWhatWasPublished() throws Exception {
        MergedRun run = MergedRun.of(List.of(publisher(), subscriber("sub-1", T0, 1_000, 100, 2),
                subscriber("sub-2", T0 + 40, 3_000, 100, 5)));
        JsonNode s = run.summary();
        assertThat(s.path("workers").asInt()).isEqualTo(3);
        assertThat(s.path("role").asText()).isEqualTo("merged");
        assertThat(s.path("run_id").asText()).isEqualTo("0000abcd");
        JsonNode m = s.path("messages");
        // the subscribers each inferred 100 published from the sequence numbers they saw: not added to the real 100
        assertThat(m.path("published").asLong()).isEqualTo(100);
        assertThat(m.path("expected").asLong()).isEqualTo(207);
        assertThat(m.path("received").asLong()).isEqualTo(200);
        assertThat(m.path("lost").asLong()).isEqualTo(7);
        assertThat(m.path("max_lost_per_subscriber").asLong()).isEqualTo(5);
        JsonNode c = s.path("connections");
        assertThat(c.path("established").asLong()).isEqualTo(20);
        assertThat(c.path("failed_by_reason").path("refused").asLong()).isEqualTo(2);
        assertThat(c.path("peak_open").asLong()).isEqualTo(20);
        assertThat(s.path("publishers").path("connections").asInt()).isEqualTo(1);
        assertThat(s.path("target").path("publish_url").asText()).isEqualTo("ws://127.0.0.1:8080/ws/{topic}");
    }

    @Test
    void percentilesComeFromTheAddedHistogramsNotFromAveragedPercentiles() throws Exception {
        // 100 deliveries at 1 ms in one process, 100 at 3 ms in the other: p50 of the run is 1 ms, p99 3 ms
        // (averaging each process's p99 would say 2 ms, a latency no message had).
        MergedRun run = MergedRun.of(List.of(publisher(), subscriber("sub-1", T0, 1_000, 100, 0),
                subscriber("sub-2", T0, 3_000, 100, 0)));
        JsonNode latency = run.summary().path("latency");
        assertThat(latency.path("count").asLong()).isEqualTo(200);
        assertThat(latency.path("p50").asDouble()).isEqualTo(1.0);
        assertThat(latency.path("p99").asDouble()).isBetween(2.99, 3.01);
        assertThat(latency.path("mean").asDouble()).isBetween(1.99, 2.01);
        assertThat(run.summary().path("connect").path("total").path("count").asLong()).isEqualTo(20);
    }

    @Test
    void generatorIsTrustworthyOnlyIfEveryProcessWas() throws Exception {
        WorkerResult overloaded = subscriber("sub-2", T0, 3_000, 10, 0,
                g -> g.put("trustworthy", false).putArray("reasons").add("CPU 97 % (limit 90 %)"));
        JsonNode g = MergedRun.of(List.of(publisher(), subscriber("sub-1", T0, 1_000, 10, 0), overloaded))
                .summary().path("generator");
        assertThat(g.path("trustworthy").asBoolean()).isFalse();
        assertThat(g.path("reasons").get(0).asText()).isEqualTo("sub-2: CPU 97 % (limit 90 %)");
        assertThat(g.path("event_loops").asLong()).isEqualTo(6);
        assertThat(g.path("max_file_descriptors").asLong()).isEqualTo(20_000);
    }

    @Test
    void secondsLineUpOnTheWallClockAndLatencyPerSecondIsRecomputed() throws Exception {
        // sub-2 started a second after sub-1: its first point ends in the same wall-clock second as sub-1's second
        MergedRun run = MergedRun.of(List.of(subscriber("sub-1", T0, 1_000, 10, 0),
                subscriber("sub-2", T0 + 1000, 2_000, 10, 0)));
        List<ObjectNode> points = run.points();
        assertThat(points).extracting(p -> p.path("open").asLong()).containsExactly(10L, 20L, 20L, 10L);
        assertThat(points).extracting(p -> p.path("t").asDouble()).containsExactly(1.8, 2.8, 3.8, 4.8);
        assertThat(points).extracting(p -> p.path("received_per_second").asDouble())
                .containsExactly(0.0, 10.0, 10.0, 0.0);
        // the points said 99 ms: the merged figure comes from that second's interval histograms
        assertThat(points).extracting(p -> p.path("latency_p50_ms").asDouble()).containsExactly(0.0, 1.0, 2.0, 0.0);
        // a process that has finished still counts what it received
        assertThat(points).extracting(p -> p.path("messages_received").asLong()).containsExactly(0L, 10L, 20L, 20L);
        assertThat(points).extracting(p -> p.path("cpu_percent").asDouble()).containsOnly(10.0);
    }

    @Test
    void scenarioSectionsStayWithTheirProcess() throws Exception {
        WorkerResult withSection = subscriber("sub-1", T0, 1_000, 10, 0);
        withSection.summary().putObject("fanout").put("p99_growth", 1.5);
        JsonNode merged = MergedRun.of(List.of(publisher(), withSection)).summary();
        assertThat(merged.has("fanout")).isFalse();
        assertThat(merged.path("merged_from").get(1).path("fanout").path("p99_growth").asDouble()).isEqualTo(1.5);
        assertThat(merged.path("merged_from").get(1).path("role").asText()).isEqualTo("subscriber");
    }

    @Test
    void aConnectStormsFiguresAddUp() throws Exception {
        WorkerResult a = subscriber("sub-1", T0, 1_000, 10, 0);
        WorkerResult b = subscriber("sub-2", T0, 1_000, 10, 0);
        storm(a, 500, 250.0, 1900);
        storm(b, 500, 240.5, 2100);
        JsonNode storm = MergedRun.of(List.of(a, b)).summary().path("connect_storm");
        assertThat(storm.path("clients").asLong()).isEqualTo(1000);
        assertThat(storm.path("established").asLong()).isEqualTo(1000);
        assertThat(storm.path("achieved_rate").asDouble()).isEqualTo(490.5);
        assertThat(storm.path("last_open_ms").asLong()).isEqualTo(2100);
        assertThat(storm.path("open_curve")).extracting(p -> p.path("open").asLong()).containsExactly(200L, 1000L);
    }

    @Test
    void tlsHandshakesAddUpAndTheirTimesComeFromTheAddedHistograms() throws Exception {
        WorkerResult a = tlsSubscriber("sub-1", 10, 0);
        WorkerResult b = tlsSubscriber("sub-2", 4, 6);

        JsonNode tls = MergedRun.of(List.of(a, b)).summary().path("tls");

        assertThat(tls.path("provider").asText()).isEqualTo("openssl");
        assertThat(tls.path("full").asLong()).isEqualTo(14);
        assertThat(tls.path("resumed").asLong()).isEqualTo(6);
        assertThat(tls.path("versions").path("TLSv1.3").asLong()).isEqualTo(20);
        assertThat(tls.path("handshake").path("full").path("count").asLong()).isEqualTo(14);
        assertThat(tls.path("handshake").path("resumed").path("count").asLong()).isEqualTo(6);
        assertThat(tls.path("handshake").path("resumed").path("p50").asDouble()).isEqualTo(0.5);
    }

    /** A subscribing process whose handshakes were {@code full} full ones of 2 ms and {@code resumed} of 0.5 ms. */
    private WorkerResult tlsSubscriber(String name, int full, int resumed) throws Exception {
        ObjectNode s = summary("subscriber", T0, 10, 10, 10, 0);
        ObjectNode tls = s.putObject("tls");
        tls.put("provider", "openssl").put("library", "BoringSSL").put("resume", true).put("full", full)
                .put("resumed", resumed);
        tls.putObject("versions").put("TLSv1.3", full + resumed);
        return write(name, s, List.of(point(1.0, 10, 0, 0)), List.of(
                histogram("tls.handshake.full", T0, T0 + 1000, 2_000, full),
                histogram("tls.handshake.resumed", T0, T0 + 1000, 500, resumed)));
    }

    private static void storm(WorkerResult w, int clients, double achieved, long lastOpen) {
        ObjectNode s = w.summary().putObject("connect_storm");
        s.put("clients", clients).put("within_ms", 2000).put("asked_rate", 250.0).put("achieved_rate", achieved)
                .put("established", clients).put("failed", 0).put("last_open_ms", lastOpen).put("hold_ms", 2000)
                .put("open_at_hold_start", clients).put("open_after_hold", clients);
        s.putArray("open_curve").add(MAPPER.createObjectNode().put("t_ms", 100).put("open", 100))
                .add(MAPPER.createObjectNode().put("t_ms", 200).put("open", clients));
    }

    @Test
    void writesFilesThatReadBackAsAResultsDirectory() throws Exception {
        MergedRun run = MergedRun.of(List.of(publisher(), subscriber("sub-1", T0, 1_000, 10, 0)));
        Path out = tmp.resolve("merged");
        run.write(out, run.summary());
        WorkerResult back = WorkerResult.read(out);
        assertThat(back.summary().path("messages").path("received").asLong()).isEqualTo(10);
        assertThat(back.intervals()).hasSize(run.intervals().size());
        assertThat(back.intervals()).extracting(Histogram::getStartTimeStamp)
                .containsExactlyElementsOf(run.intervals().stream().map(Histogram::getStartTimeStamp).toList());
        assertThat(back.points()).hasSize(run.points().size());
    }

    @Test
    void processesOfDifferentRunsAreRefused() throws Exception {
        WorkerResult other = subscriber("sub-1", T0, 1_000, 10, 0);
        other.summary().put("run_id", "0000ffff");
        assertThatThrownBy(() -> MergedRun.of(List.of(publisher(), other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000abcd").hasMessageContaining("0000ffff").hasMessageContaining("--run-id");
    }

    @Test
    void aDirectoryWithoutAnIntervalLogCannotBeMerged() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("no-log"));
        Files.writeString(dir.resolve("summary.json"), summary("subscriber", T0, 0, 0, 0, 0).toString());
        assertThatThrownBy(() -> WorkerResult.read(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("intervals.hlog");
    }

    // --- fixtures: results directories as herd writes them --------------------------------------------------

    private WorkerResult publisher() throws Exception {
        ObjectNode s = summary("publisher", T0, 100, 0, 0, 0);
        s.putObject("publishers").put("protocol", "websocket").put("url", "ws://127.0.0.1:8080/ws/{topic}")
                .put("connections", 1).put("connects", 1).put("connect_failures", 0).put("disconnects", 0);
        ((ObjectNode) s.path("target")).put("publish_url", "ws://127.0.0.1:8080/ws/{topic}");
        return write("pub", s, List.of(), List.of());
    }

    private WorkerResult subscriber(String name, long started, long latencyMicros, int received, int lost)
            throws Exception {
        return subscriber(name, started, latencyMicros, received, lost, g -> { });
    }

    private WorkerResult subscriber(String name, long started, long latencyMicros, int received, int lost,
                                    java.util.function.Consumer<ObjectNode> generator) throws Exception {
        ObjectNode s = summary("subscriber", started, received + lost, received + lost, received, lost);
        generator.accept((ObjectNode) s.path("generator"));
        // three whole seconds: connecting, receiving, idle
        ObjectNode p1 = point(1.0, 10, 0, 0);
        ObjectNode p2 = point(2.0, 10, received, received);
        ObjectNode p3 = point(3.0, 10, 0, received);
        Histogram latency = histogram("latency", started + 1000, started + 2000, latencyMicros, received);
        Histogram connect = histogram("connect.total", started, started + 1000, 500, 10);
        return write(name, s, List.of(p1, p2, p3), List.of(connect, latency));
    }

    private static ObjectNode summary(String role, long started, long published, long expected, long received,
                                      long lost) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("scenario", "broadcast").put("run_id", "0000abcd").put("started", Instant.ofEpochMilli(started).toString())
                .put("duration_ms", 3000).put("workers", 1).put("role", role).put("interrupted", false);
        s.putObject("target").put("url", "ws://127.0.0.1:8080/ws/{topic}").put("protocol", "websocket")
                .putNull("publish_url");
        boolean subscribes = !role.equals("publisher");
        ObjectNode c = s.putObject("connections");
        c.put("attempted", subscribes ? 11 : 0).put("established", subscribes ? 10 : 0).put("failed", subscribes ? 1 : 0);
        c.putObject("failed_by_reason").put("refused", subscribes ? 1 : 0);
        c.put("peak_open", subscribes ? 10 : 0);
        s.putObject("connect");
        ((ObjectNode) s.path("connect")).putObject("total").put("count", subscribes ? 10 : 0);
        s.putObject("messages").put("published", published).put("expected", expected).put("received", received)
                .put("lost", lost).put("max_lost_per_subscriber", lost).put("duplicated", 0).put("reordered", 0);
        s.putObject("latency").put("count", received);
        s.putObject("service_time").put("count", 0);
        s.putObject("generator").put("max_event_loop_lag_ms", 3.0).put("cpu_percent", 20.0)
                .put("max_file_descriptors", 20_000).put("event_loops", 2).put("trustworthy", true).putArray("reasons");
        s.putArray("thresholds");
        s.put("verdict", "pass");
        return s;
    }

    private static ObjectNode point(double t, long open, double receivedPerSecond, long receivedSoFar) {
        return MAPPER.createObjectNode().put("t", t).put("stage", "publish").put("open", open)
                .put("received_per_second", receivedPerSecond).put("messages_received", receivedSoFar)
                .put("latency_p50_ms", 99.0).put("cpu_percent", 10.0);
    }

    private static Histogram histogram(String tag, long start, long end, long micros, int count) {
        Histogram h = new Histogram(3);
        if (count > 0) {
            h.recordValueWithCount(micros, count);
        }
        h.setTag(tag);
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(end);
        return h;
    }

    private WorkerResult write(String name, ObjectNode summary, List<ObjectNode> points, List<Histogram> intervals)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("summary.json"), summary.toString());
        ObjectNode ts = MAPPER.createObjectNode().put("interval_ms", 1000);
        points.forEach(ts.putArray("points")::add);
        Files.writeString(dir.resolve("timeseries.json"), ts.toString());
        long base = Instant.parse(summary.path("started").asText()).toEpochMilli();
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("intervals.hlog")))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            IntervalLogFormat.writeHeader(w, base, "test");
            for (Histogram h : intervals) {
                IntervalLogFormat.writeInterval(w, h, base);
            }
        }
        return WorkerResult.read(dir);
    }
}
