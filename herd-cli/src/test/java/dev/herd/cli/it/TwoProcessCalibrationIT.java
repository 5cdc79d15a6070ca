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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two herd processes on this host, one publishing and one subscribing under one run id, measure the same
 * latency as a single process does (the minimum within 1 ms): their clocks agree through the run-wide base; and
 * {@code herd merge} makes one result of the two. Runs the shaded jar, as a user would.
 */
class TwoProcessCalibrationIT {

    private static final String RUN_ID = "0c0ffee0";

    @TempDir
    Path dir;

    @Test
    void latencyMeasuredAcrossTwoProcessesAgreesWithOneProcessWithin1ms() throws Exception {
        // The target runs in this JVM: its leak detector at paranoid would add its own delays to what is measured.
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            measure();
        } finally {
            ResourceLeakDetector.setLevel(previous);
        }
    }

    private void measure() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b.delay(Duration.ofMillis(20)))) {
            String url = "ws://127.0.0.1:" + target.port() + "/ws/{topic}";
            List<String> common = List.of("--url", url, "--subscribers", "20", "--topics", "2", "--rate", "100",
                    "--connect-within", "500ms", "-q");

            // The baseline runs as a process of its own too, so both figures come from the same kind of JVM.
            Process single = herd(dir.resolve("single.log"), List.of("broadcast", "--duration", "3s", "--out",
                    dir.resolve("single").toString()), common);
            assertThat(single.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(single.exitValue()).as(Files.readString(dir.resolve("single.log"))).isZero();
            double singleMin = latency(dir.resolve("single"), "min");

            Process subscriber = herd(dir.resolve("sub.log"), List.of("broadcast", "--role", "subscriber",
                    "--run-id", RUN_ID, "--duration", "6s", "--drain", "2s", "--out", dir.resolve("sub").toString()),
                    common);
            // The publisher starts once every subscriber is connected, so none misses the first messages.
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> target.stats().connections().open().ws() >= 20);
            Process publisher = herd(dir.resolve("pub.log"), List.of("broadcast", "--role", "publisher",
                    "--run-id", RUN_ID, "--duration", "3s", "--out", dir.resolve("pub").toString()), common);
            assertThat(publisher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(subscriber.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.exitValue()).as(Files.readString(dir.resolve("pub.log"))).isZero();
            assertThat(subscriber.exitValue()).as(Files.readString(dir.resolve("sub.log"))).isZero();

            JsonNode sub = summary(dir.resolve("sub"));
            JsonNode pub = summary(dir.resolve("pub"));
            assertThat(sub.get("run_id").asText()).isEqualTo(RUN_ID);
            assertThat(pub.get("messages").get("published").asLong()).isEqualTo(300);
            assertThat(sub.get("messages").get("received").asLong()).isEqualTo(300L * 10);
            assertThat(sub.get("messages").get("lost").asLong()).isZero();
            assertThat(sub.get("messages").get("other_run_stamps").asLong()).isZero();
            // The minimum is the 20 ms delay plus the least processing: a clock offset between the processes would
            // shift it one for one, while scheduling noise on a busy two-core machine (three JVMs here) moves the
            // median by a millisecond or so either way. The median is checked against the delay itself.
            assertThat(latency(dir.resolve("sub"), "min")).isCloseTo(singleMin, Offset.offset(1.0));
            // Above the delay by at most 5 ms, plus the subscriber's and the target's lateness on a busy machine; on a
            // machine so busy that the subscriber says its figures cannot be trusted, that verdict is what is asked.
            if (summary(dir.resolve("sub")).path("generator").path("trustworthy").asBoolean()) {
                assertThat(latency(dir.resolve("sub"), "p50")).isBetween(20.0, 25.0 + 2 * lagP99(dir.resolve("sub")));
            } else {
                assertThat(summary(dir.resolve("sub")).path("generator").path("reasons")).isNotEmpty();
            }

            // herd merge makes one result of the two: the publisher's count, the subscriber's deliveries, one run.
            Process merge = herd(dir.resolve("merge.log"), List.of("merge", dir.resolve("pub").toString(),
                    dir.resolve("sub").toString(), "--out", dir.resolve("merged").toString(),
                    "--threshold", "messages.lost == 0"), List.of());
            assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(merge.exitValue()).as(Files.readString(dir.resolve("merge.log"))).isZero();
            JsonNode merged = summary(dir.resolve("merged"));
            assertThat(merged.get("workers").asInt()).isEqualTo(2);
            assertThat(merged.get("role").asText()).isEqualTo("merged");
            assertThat(merged.get("run_id").asText()).isEqualTo(RUN_ID);
            assertThat(merged.get("messages").get("published").asLong()).isEqualTo(300);
            assertThat(merged.get("messages").get("expected").asLong()).isEqualTo(300L * 10);
            assertThat(merged.get("messages").get("received").asLong()).isEqualTo(300L * 10);
            assertThat(merged.get("latency").get("count").asLong()).isEqualTo(sub.get("latency").get("count").asLong());
            assertThat(merged.get("latency").get("p99").asDouble()).isEqualTo(sub.get("latency").get("p99").asDouble());
            assertThat(merged.get("connections").get("established").asLong()).isEqualTo(20);
            assertThat(merged.get("verdict").asText()).isEqualTo("pass");
            assertThat(dir.resolve("merged").resolve("report.html")).isRegularFile();
            assertThat(dir.resolve("merged").resolve("junit.xml")).isRegularFile();
        }
    }

    private static Process herd(Path log, List<String> args, List<String> common) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", System.getProperty("herd.shadedJar")));
        cmd.addAll(args);
        cmd.addAll(common);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static JsonNode summary(Path results) throws IOException {
        return new ObjectMapper().readTree(results.resolve("summary.json").toFile());
    }

    /** The event-loop lag p99 a process reported of itself, in ms. */
    private static double lagP99(Path results) throws IOException {
        return summary(results).path("generator").path("event_loop_lag_p99_ms").asDouble();
    }

    private static double latency(Path results, String statistic) throws IOException {
        return summary(results).get("latency").get(statistic).asDouble();
    }
}
