package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.cli.testing.CliRun;
import dev.herd.report.hlog.IntervalLogFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herd merge}: one results directory from a run's processes; thresholds on the merged figures; bad input exit 2. */
class MergeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void mergesTwoProcessesIntoOneResultsDirectory() throws Exception {
        Path a = process("sub-1", "0000abcd", 1_000);
        Path b = process("sub-2", "0000abcd", 2_000);
        Path out = tmp.resolve("merged");
        CliRun run = CliRun.of("merge", a.toString(), b.toString(), "--out", out.toString(),
                "--threshold", "messages.received == 200", "--threshold", "latency.p99 < 5ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("merged       2 processes of run 0000abcd (broadcast)")
                .contains("200 received").contains("verdict      pass").contains("report       " + out.resolve("report.html"));
        JsonNode s = ResultsDirs.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(s.path("latency").path("count").asLong()).isEqualTo(200);
        assertThat(s.path("latency").path("p50").asDouble()).isEqualTo(1.0);
        assertThat(s.path("thresholds")).hasSize(2).allSatisfy(t -> assertThat(t.path("passed").asBoolean()).isTrue());
        assertThat(out.resolve("timeseries.json")).isRegularFile();
        assertThat(out.resolve("intervals.hlog")).isRegularFile();
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("tests=\"2\" failures=\"0\"");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<section id=\"workers\"")
                .contains("This result merges 2 herd processes of run 0000abcd");
    }

    @Test
    void aFailedThresholdOnTheMergedFiguresExits1() throws Exception {
        Path a = process("sub-1", "0000abcd", 1_000);
        Path b = process("sub-2", "0000abcd", 8_000);
        CliRun run = CliRun.of("merge", a.toString(), b.toString(), "--out", tmp.resolve("m").toString(),
                "--threshold", "latency.p99 < 5ms");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  latency.p99 < 5ms").contains("verdict      fail");
    }

    @Test
    void processesOfDifferentRunsAreAUsageError() throws Exception {
        Path a = process("sub-1", "0000abcd", 1_000);
        Path b = process("sub-2", "00001234", 1_000);
        CliRun run = CliRun.of("merge", a.toString(), b.toString(), "--out", tmp.resolve("m").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("herd: ")
                .contains("0000abcd").contains("00001234").contains("--run-id");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutAnIntervalLogIsAUsageError() throws Exception {
        Path a = process("sub-1", "0000abcd", 1_000);
        Path bare = ResultsDirs.write(tmp.resolve("bare"), ResultsDirs.summary(3));
        CliRun run = CliRun.of("merge", a.toString(), bare.toString(), "--out", tmp.resolve("m").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("intervals.hlog");
    }

    @Test
    void outIsRequired() throws Exception {
        CliRun run = CliRun.of("merge", process("sub-1", "0000abcd", 1_000).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out");
    }

    /** A subscribing process's results: 100 deliveries, all at {@code latencyMicros}. */
    private Path process(String name, String runId, long latencyMicros) throws Exception {
        long started = Instant.parse("2026-11-27T20:00:00Z").toEpochMilli();
        ObjectNode s = ResultsDirs.summary(latencyMicros / 1000.0);
        s.put("run_id", runId).put("role", "subscriber");
        ((ObjectNode) s.path("messages")).put("published", 100).put("expected", 100).put("received", 100);
        Path dir = ResultsDirs.write(tmp.resolve(name), s);
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(latencyMicros, 100);
        latency.setTag("latency");
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("intervals.hlog")))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            IntervalLogFormat.writeHeader(w, started, "test");
            latency.setStartTimeStamp(started + 1000);
            latency.setEndTimeStamp(started + 2000);
            IntervalLogFormat.writeInterval(w, latency, started);
        }
        return dir;
    }
}
