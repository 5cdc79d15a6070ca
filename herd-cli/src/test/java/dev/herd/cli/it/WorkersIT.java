package dev.herd.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.testing.TargetFixture;
import io.netty.util.ResourceLeakDetector;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --workers N} runs the scenario as N herd processes of the shaded jar and merges their results: every
 * delivery accounted for exactly across processes, by whole topics and by shares of one topic's subscribers.
 */
class WorkersIT {

    @TempDir
    Path dir;

    private ResourceLeakDetector.Level previous;

    @BeforeEach
    void quietLeakDetector() {
        // The target runs in this JVM; paranoid leak tracking would slow it for no benefit to what is checked here.
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterEach
    void restoreLeakDetector() {
        ResourceLeakDetector.setLevel(previous);
    }

    @Test
    void twoWorkersTakeWholeTopicsAndTheMergedCountsAreExact() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Path out = dir.resolve("topics");
            int exit = herd(dir.resolve("topics.log"), "broadcast", "--workers", "2", "--url",
                    "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--topics", "4", "--subscribers", "80",
                    "--rate", "200", "--duration", "2s", "--connect-within", "500ms", "--out", out.toString(),
                    "--threshold", "messages.lost == 0");
            assertThat(exit).as(Files.readString(dir.resolve("topics.log"))).isZero();
            JsonNode s = summary(out);
            assertThat(s.get("workers").asInt()).isEqualTo(2);
            assertThat(s.get("role").asText()).isEqualTo("merged");
            JsonNode m = s.get("messages");
            assertThat(m.get("published").asLong()).isEqualTo(400);
            // 20 subscribers per topic: each message reaches 20
            assertThat(m.get("expected").asLong()).isEqualTo(400L * 20);
            assertThat(m.get("received").asLong()).isEqualTo(400L * 20);
            assertThat(m.get("lost").asLong()).isZero();
            assertThat(m.get("duplicated").asLong()).isZero();
            assertThat(m.get("foreign_topic_stamps").asLong()).isZero();
            assertThat(s.get("latency").get("count").asLong()).isEqualTo(400L * 20);
            assertThat(s.get("connections").get("established").asLong()).isEqualTo(80);
            assertThat(s.get("connect").get("total").get("count").asLong()).isEqualTo(80);
            assertThat(s.get("merged_from")).hasSize(2)
                    .allSatisfy(w -> assertThat(w.get("role").asText()).isEqualTo("both"));
            assertThat(s.get("verdict").asText()).isEqualTo("pass");
            for (String file : List.of("summary.json", "timeseries.json", "intervals.hlog", "junit.xml", "report.html")) {
                assertThat(out.resolve(file)).isRegularFile();
            }
            assertThat(out.resolve("workers/worker-0/summary.json")).isRegularFile();
            assertThat(out.resolve("workers/worker-1/summary.json")).isRegularFile();
        }
    }

    @Test
    void withOneTopicTheSubscribersAreSharedAndWorkerZeroPublishes() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Path out = dir.resolve("shared");
            int exit = herd(dir.resolve("shared.log"), "broadcast", "--workers", "2", "--url",
                    "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--subscribers", "30", "--rate", "100",
                    "--duration", "2s", "--connect-within", "500ms", "--out", out.toString());
            assertThat(exit).as(Files.readString(dir.resolve("shared.log"))).isZero();
            JsonNode s = summary(out);
            JsonNode m = s.get("messages");
            assertThat(m.get("published").asLong()).isEqualTo(200);
            assertThat(m.get("received").asLong()).isEqualTo(200L * 30);
            assertThat(m.get("lost").asLong()).isZero();
            assertThat(s.get("merged_from")).extracting(w -> w.get("role").asText())
                    .containsExactly("both", "subscriber");
        }
    }

    @Test
    void aScenarioFileRunsOverWorkersWithItsVariablesAndThresholds() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Path file = dir.resolve("broadcast.yaml");
            Files.writeString(file, String.join("\n",
                    "scenario: broadcast",
                    "target:",
                    "  url: ws://127.0.0.1:${PORT}/ws/{topic}",
                    "clients:",
                    "  subscribers: 40",
                    "  topics: 2",
                    "  connect_within: 500ms",
                    "publish:",
                    "  rate: 100",
                    "duration: 2s",
                    "drain: 1s",
                    "thresholds:",
                    "  - messages.lost == 0",
                    ""));
            Path out = dir.resolve("file");
            int exit = herd(dir.resolve("file.log"), "run", file.toString(), "-e", "PORT=" + target.port(),
                    "--workers", "2", "--out", out.toString());
            assertThat(exit).as(Files.readString(dir.resolve("file.log"))).isZero();
            JsonNode s = summary(out);
            assertThat(s.get("workers").asInt()).isEqualTo(2);
            assertThat(s.get("messages").get("published").asLong()).isEqualTo(200);
            assertThat(s.get("messages").get("received").asLong()).isEqualTo(200L * 20);
            assertThat(s.get("thresholds")).singleElement()
                    .satisfies(t -> assertThat(t.get("passed").asBoolean()).isTrue());
        }
    }

    @Test
    void stoppingTheCoordinatorStopsTheWorkersAndStillMergesWhatTheyMeasured() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Path out = dir.resolve("stopped");
            Path log = dir.resolve("stopped.log");
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-jar", System.getProperty("herd.shadedJar"), "broadcast", "--workers",
                    "2", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--topics", "2",
                    "--subscribers", "20", "--rate", "50", "--duration", "60s", "--connect-within", "200ms",
                    "--out", out.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Wait until the workers publish (the status line shows sends), then stop it as Ctrl-C would (SIGTERM).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains(" publish ") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains(" publish ");
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
            JsonNode s = summary(out);
            assertThat(s.get("interrupted").asBoolean()).isTrue();
            assertThat(s.get("workers").asInt()).isEqualTo(2);
            assertThat(s.get("messages").get("published").asLong()).isPositive();
            assertThat(s.get("messages").get("received").asLong()).isPositive();
            assertThat(Files.readString(log)).doesNotContain("ended with exit code");
        }
    }

    @Test
    void workersGetTheirArgumentsOnStandardInputSoNoSecretIsInAnyCommandLine() throws Exception {
        String token = "tok-worker-4c1d";
        String bearer = "hdr-worker-9e2f";
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Path out = dir.resolve("secrets");
            Path log = dir.resolve("secrets.log");
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-jar", System.getProperty("herd.shadedJar"), "broadcast", "--workers",
                    "2", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}?access_token=" + token,
                    "-H", "Authorization=Bearer " + bearer, "--topics", "2", "--subscribers", "20", "--rate", "50",
                    "--duration", "4s", "--connect-within", "200ms", "--out", out.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            List<String> workerCommandLines = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (workerCommandLines.size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
                workerCommandLines.clear();
                p.toHandle().children().forEach(child -> workerCommandLines.add(commandLine(child.pid())));
                workerCommandLines.removeIf(String::isEmpty);
                Thread.sleep(100);
            }
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("herd ended").isTrue();

            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            assertThat(workerCommandLines).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("--arguments-from-stdin").doesNotContain(token).doesNotContain(bearer));
            JsonNode s = summary(out);
            assertThat(s.get("messages").get("received").asLong()).isEqualTo(200L * 10);
            List<Path> written;
            try (var files = Files.walk(out)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).hasSizeGreaterThan(10);
            for (Path file : written) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token).doesNotContain(bearer);
            }
            assertThat(Files.readString(log)).doesNotContain(token).doesNotContain(bearer);
        }
    }

    /** A process's argv as /proc shows it to every user of the host, NULs as spaces; empty once it is gone. */
    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    private static int herd(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-jar", System.getProperty("herd.shadedJar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("herd ended").isTrue();
        return p.exitValue();
    }

    private static JsonNode summary(Path results) throws Exception {
        return new ObjectMapper().readTree(results.resolve("summary.json").toFile());
    }
}
