package dev.herd.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.testing.TargetFixture;
import io.netty.util.ResourceLeakDetector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices of one run started seconds apart, as an engine (Kubernetes, Slurm) starts them: each connects at once and
 * begins measuring at the shared {@code --start-at}; {@code herd merge --expect} joins them exactly. The spread of their
 * start skews is printed (docs/distributed.md quotes it).
 */
class SlicesIT {

    private static final int SLICES = 3;
    private static final String RUN_ID = "51ce5ab0";

    @TempDir
    Path dir;

    @Test
    void slicesStartedTwoSecondsApartMeasureFromOneInstantAndMergeExactly() throws Exception {
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE); // the target runs in this JVM
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            // The last slice starts 4 s after the first; the rest is room for JVM start and connecting on a machine
            // other builds keep busy (a slice that misses the instant by more than the tolerance fails, exit 3).
            Instant startAt = Instant.now().plusSeconds(24);
            List<Process> slices = new ArrayList<>();
            for (int i = 0; i < SLICES; i++) {
                if (i > 0) {
                    Thread.sleep(2000);
                }
                slices.add(herd(dir.resolve("slice-" + i + ".log"), "broadcast", "--slice", i + "/" + SLICES,
                        "--run-id", RUN_ID, "--start-at", startAt.toString(), "--url",
                        "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--topics", "6", "--subscribers", "60",
                        "--rate", "120", "--duration", "2s", "--connect-within", "500ms", "--loops", "1", "-q",
                        "--out", dir.resolve("slice-{slice}").toString()));
            }
            for (int i = 0; i < SLICES; i++) {
                assertThat(slices.get(i).waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(slices.get(i).exitValue()).as(Files.readString(dir.resolve("slice-" + i + ".log"))).isZero();
            }
            Process merge = herd(dir.resolve("merge.log"), "merge", "--expect", Integer.toString(SLICES), "--wait",
                    "30s", dir.toString(), "--out", dir.resolve("merged").toString(), "--threshold",
                    "messages.lost == 0");
            assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(merge.exitValue()).as(Files.readString(dir.resolve("merge.log"))).isZero();

            JsonNode s = new ObjectMapper().readTree(dir.resolve("merged/summary.json").toFile());
            assertThat(s.path("run_id").asText()).isEqualTo(RUN_ID);
            assertThat(s.path("workers").asInt()).isEqualTo(SLICES);
            // 240 messages over 6 topics of 10 subscribers each: every one reaches 10
            assertThat(s.path("messages").path("published").asLong()).isEqualTo(240);
            assertThat(s.path("messages").path("received").asLong()).isEqualTo(2400)
                    .isEqualTo(s.path("messages").path("expected").asLong());
            assertThat(s.path("connections").path("established").asLong()).isEqualTo(60);
            JsonNode skew = s.path("slices").path("start_skew_ms");
            assertThat(s.path("slices").path("start_at").asText()).isEqualTo(startAt.toString());
            assertThat(skew.path("max").asDouble()).isLessThan(1000.0); // the default --start-tolerance
            System.out.printf("start_skew_ms over %d slices started 2 s apart: min %.3f, max %.3f, spread %.3f%n",
                    SLICES, skew.path("min").asDouble(), skew.path("max").asDouble(), skew.path("spread").asDouble());
        } finally {
            ResourceLeakDetector.setLevel(previous);
        }
    }

    private static Process herd(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-jar", System.getProperty("herd.shadedJar")));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
