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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herd merge --expect N}: every slice of the run exactly once, or a refusal naming the one missing, doubled or
 * foreign (exit 2); {@code --wait} lets the last step of a job merge while the last slices finish.
 */
class MergeExpectTest {

    @TempDir
    Path tmp;

    @Test
    void theSlicesOfOneRunFoundUnderTheirSharedDirectoryMergeWithTheirStartSkews() throws Exception {
        slice("slice-0", "0/3", "0000abcd", 1.5);
        slice("slice-1", "1/3", "0000abcd", 4.25);
        slice("slice-2", "2/3", "0000abcd", 2.0);
        Path out = tmp.resolve("merged");
        CliRun run = CliRun.of("merge", "--expect", "3", tmp.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = ResultsDirs.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(s.path("workers").asInt()).isEqualTo(3);
        assertThat(s.path("messages").path("received").asLong()).isEqualTo(300);
        assertThat(s.path("slices").path("count").asInt()).isEqualTo(3);
        assertThat(s.path("slices").path("start_at").asText()).isEqualTo("2026-12-06T21:30:00Z");
        assertThat(s.path("slices").path("start_skew_ms").path("spread").asDouble()).isEqualTo(2.75);
        assertThat(s.path("merged_from")).extracting(e -> e.path("slice").asText())
                .containsExactlyInAnyOrder("0/3", "1/3", "2/3");
    }

    @Test
    void aMissingSliceIsRefusedNamingIt() throws Exception {
        Path a = slice("slice-0", "0/3", "0000abcd", 1);
        Path c = slice("slice-2", "2/3", "0000abcd", 1);
        CliRun run = CliRun.of("merge", "--expect", "3", a.toString(), c.toString(), "--out", tmp.resolve("m").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("slice 1/3 missing");
    }

    @Test
    void aSliceGivenTwiceIsRefusedNamingBothDirectories() throws Exception {
        Path a = slice("a", "1/2", "0000abcd", 1);
        Path b = slice("b", "1/2", "0000abcd", 1);
        CliRun run = CliRun.of("merge", "--expect", "2", a.toString(), b.toString(), "--out", tmp.resolve("m").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("slice 1/2 is there twice").contains(a.toString())
                .contains(b.toString());
    }

    @Test
    void aSliceOfAnotherRunOrAnotherSplitIsRefusedNamingIt() throws Exception {
        Path a = slice("a", "0/2", "0000abcd", 1);
        Path b = slice("b", "1/2", "00001234", 1);
        CliRun other = CliRun.of("merge", "--expect", "2", a.toString(), b.toString(), "--out", tmp.resolve("m").toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).hasLineCount(1).contains(b + " is slice 1/2 of run 00001234, not of run 0000abcd");

        Path c = slice("c", "1/4", "0000abcd", 1);
        CliRun split = CliRun.of("merge", "--expect", "2", a.toString(), c.toString(), "--out", tmp.resolve("n").toString());
        assertThat(split.exitCode()).isEqualTo(2);
        assertThat(split.err()).hasLineCount(1).contains(c + " is slice 1/4, not one of 2");
    }

    @Test
    void waitingLetsTheLastSliceArriveWhileTheMergeWaits() throws Exception {
        slice("slice-0", "0/2", "0000abcd", 1);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1500);
                slice("slice-1", "1/2", "0000abcd", 1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path out = tmp.resolve("merged");
        CliRun run = CliRun.of("merge", "--expect", "2", "--wait", "30s", tmp.toString(), "--out", out.toString());
        late.get(10, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("waiting for 1 of 2 slices' results");
        assertThat(ResultsDirs.MAPPER.readTree(out.resolve("summary.json").toFile()).path("workers").asInt())
                .isEqualTo(2);
    }

    @Test
    void waitingEndsWhenItsTimeIsUpAndNamesWhatIsStillMissing() throws Exception {
        slice("slice-0", "0/2", "0000abcd", 1);
        CliRun run = CliRun.of("merge", "--expect", "2", "--wait", "1s", tmp.toString(), "--out",
                tmp.resolve("never").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("slice 1/2 missing");
    }

    /** One slice's results directory: 100 deliveries of {@code skewMs}-late slice {@code slice}. */
    private Path slice(String name, String slice, String runId, double skewMs) throws Exception {
        long started = Instant.parse("2026-12-06T21:29:55Z").toEpochMilli();
        ObjectNode s = ResultsDirs.summary(1.0);
        s.put("run_id", runId).put("role", "both").put("slice", slice).put("start_at", "2026-12-06T21:30:00Z")
                .put("start_skew_ms", skewMs);
        ((ObjectNode) s.path("messages")).put("published", 100).put("expected", 100).put("received", 100);
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        // intervals.hlog first, summary.json last: a slice's results are there once its summary is.
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(1000, 100);
        latency.setTag("latency");
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("intervals.hlog")))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            IntervalLogFormat.writeHeader(w, started, "test");
            latency.setStartTimeStamp(started + 1000);
            latency.setEndTimeStamp(started + 2000);
            IntervalLogFormat.writeInterval(w, latency, started);
        }
        // Written whole and then moved into place, as herd writes it, so a waiting merge never reads half a file.
        Path tmpSummary = dir.resolve("summary.json.tmp");
        ResultsDirs.MAPPER.writeValue(tmpSummary.toFile(), s);
        Files.move(tmpSummary, dir.resolve("summary.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }
}
