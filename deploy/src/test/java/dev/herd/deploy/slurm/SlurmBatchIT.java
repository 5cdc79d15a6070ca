package dev.herd.deploy.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/slurm/herd.sbatch on a real single-node Slurm on this machine: three ranks started by srun run the slices
 * of one broadcast against herd's reference target (here, in this JVM, on 127.0.0.1), and the merge in the same
 * allocation accounts for every delivery exactly; the job's exit code is the verdict.
 */
class SlurmBatchIT {

    private static final int RANKS = 3;
    private static final int SUBSCRIBERS = 30;
    /** Flags of DESIGN.md "Beyond one machine" the batch script relies on. */
    private static final List<String> SLICE_FLAGS = List.of("--slice", "--run-id", "--start-at", "--start-tolerance");
    private static final List<String> MERGE_FLAGS = List.of("--expect", "--wait");
    private static final Duration JOB_LIMIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final LocalSlurm slurm = LocalSlurm.onThisMachine();

    private static ResourceLeakDetector.Level leakLevel;

    @TempDir
    Path dir;

    @BeforeAll
    static void herdHasTheSliceFlags() throws Exception {
        // Fail clearly, not with three ranks' usage errors, when the jar predates the flags.
        String broadcast = help("broadcast");
        String merge = help("merge");
        List<String> missing = new ArrayList<>();
        SLICE_FLAGS.stream().filter(f -> !broadcast.contains(f + "=")).map(f -> "broadcast " + f).forEach(missing::add);
        MERGE_FLAGS.stream().filter(f -> !merge.contains(f + "=")).map(f -> "merge " + f).forEach(missing::add);
        if (!missing.isEmpty()) {
            fail(shadedJar() + " lacks " + missing + ": herd.sbatch needs the flags of DESIGN.md \"Beyond one machine\"");
        }
        // The target runs in this JVM; paranoid leak tracking would slow it for nothing checked here.
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakDetector() {
        if (leakLevel != null) {
            ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    @Test
    void threeRanksRunTheSlicesAndTheMergeInTheAllocationCountsEveryDelivery() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            // One topic for three slices: each takes a share of the subscribers and slice 0 publishes, so the
            // subscribing slices must be connected when it starts: the start instant is what makes that so.
            Job job = submit(Map.of("HERD_START_DELAY", "10"), "broadcast", "--url",
                    "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--topics", "1", "--subscribers",
                    Integer.toString(SUBSCRIBERS), "--rate", "50", "--duration", "2s", "--connect-within", "1s",
                    "--threshold", "messages.lost == 0");
            LocalSlurm.Finished finished = slurm.await(job.id(), JOB_LIMIT);
            assertThat(finished.exitCode()).as(job.output()).isZero();
            assertThat(finished.state()).isEqualTo("COMPLETED");

            JsonNode merged = summary(job.results().resolve("merged"));
            JsonNode m = merged.get("messages");
            long published = m.get("published").asLong();
            assertThat(published).as("2 s at 50/s").isEqualTo(100);
            assertThat(m.get("expected").asLong()).isEqualTo(published * SUBSCRIBERS);
            assertThat(m.get("received").asLong()).as(job.output()).isEqualTo(m.get("expected").asLong());
            assertThat(m.get("lost").asLong()).isZero();
            assertThat(m.get("duplicated").asLong()).isZero();
            assertThat(merged.get("connections").get("established").asLong()).isEqualTo(SUBSCRIBERS);
            assertThat(merged.get("connections").get("failed").asLong()).isZero();
            assertThat(merged.get("workers").asInt()).isEqualTo(RANKS);
            assertThat(merged.get("verdict").asText()).isEqualTo("pass");
            assertThat(merged.get("thresholds")).singleElement()
                    .satisfies(t -> assertThat(t.get("passed").asBoolean()).isTrue());

            String runId = null;
            for (int i = 0; i < RANKS; i++) {
                JsonNode slice = summary(job.results().resolve("slices/slice-" + i));
                assertThat(slice.get("slice").asText()).isEqualTo(i + "/" + RANKS);
                assertThat(slice.get("connections").get("established").asLong()).isEqualTo(SUBSCRIBERS / RANKS);
                assertThat(slice.get("start_at").asText()).isNotEmpty();
                runId = runId == null ? slice.get("run_id").asText() : runId;
                assertThat(slice.get("run_id").asText()).as("one run id").isEqualTo(runId);
            }
        }
    }

    @Test
    void aSliceThatReachesTheStartLateFailsTheJobWithExitThreeAndNothingIsMerged() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            // The start is now, and 1 ms late is too late: no JVM starts that fast.
            Job job = submit(Map.of("HERD_START_DELAY", "0", "HERD_START_TOLERANCE", "1ms"), "broadcast", "--url",
                    "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--topics", "3", "--subscribers", "6",
                    "--rate", "10", "--duration", "30s");
            LocalSlurm.Finished finished = slurm.await(job.id(), JOB_LIMIT);
            assertThat(finished.exitCode()).as(job.output()).isEqualTo(3);
            assertThat(job.output()).contains("nothing merged");
            assertThat(job.results().resolve("merged")).doesNotExist();
        }
    }

    @Test
    void flagsTheScriptSetsItselfAreRefusedWithExitTwoBeforeAnyRankStarts() throws Exception {
        Job job = submit(Map.of(), "broadcast", "--url", "ws://127.0.0.1:9/ws/{topic}", "--out", "elsewhere");
        LocalSlurm.Finished finished = slurm.await(job.id(), JOB_LIMIT);
        assertThat(finished.exitCode()).as(job.output()).isEqualTo(2);
        assertThat(job.output()).contains("leave out --out");
        assertThat(job.output()).doesNotContain("herd broadcast");
    }

    /** A submitted job: its id, where its results go, and its output file. */
    private record Job(long id, Path results, Path out) {
        String output() throws IOException {
            return Files.exists(out) ? "job output:\n" + Files.readString(out) : "(no job output yet)";
        }
    }

    private Job submit(Map<String, String> settings, String... herdArgs) {
        Path results = dir.resolve("results");
        Path out = dir.resolve("job.out");
        Map<String, String> environment = new HashMap<>(settings);
        // A quick-starting JVM per rank: three of them and the merge share this machine's cores.
        environment.put("HERD", java() + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
                + " -Dio.netty.leakDetection.level=disabled -jar " + shadedJar());
        environment.put("HERD_RESULTS", results.toString());
        List<String> args = new ArrayList<>(List.of("-n", Integer.toString(RANKS), "-o", out.toString(),
                "--chdir", dir.toString(), LocalSlurm.repositoryRoot().resolve("deploy/slurm/herd.sbatch").toString()));
        args.addAll(List.of(herdArgs));
        return new Job(slurm.sbatch(environment, args.toArray(String[]::new)), results, out);
    }

    private static JsonNode summary(Path resultsDir) throws IOException {
        return new ObjectMapper().readTree(resultsDir.resolve("summary.json").toFile());
    }

    private static String shadedJar() {
        String jar = System.getProperty("herd.shadedJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no shaded jar at herd.shadedJar=" + jar
                    + " (run through Maven's verify: mvn -pl deploy -am verify)");
        }
        return jar;
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String help(String command) throws Exception {
        Path out = Files.createTempFile("herd-help", ".txt");
        try {
            Process p = new ProcessBuilder(java(), "-jar", shadedJar(), command, "--help").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("herd " + command + " --help did not end");
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
