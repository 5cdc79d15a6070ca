package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --workers} refuses, each with one line and exit 2, before any process is started. */
class WorkersOptionTest {

    private static final String URL = "ws://127.0.0.1:9/ws/{topic}";

    @Test
    void scenariosThatActOnTheWholeTargetAreNotSplit() {
        assertUsage(CliRun.of("capacity", "--url", URL, "--workers", "2"), "capacity acts on the target as a whole");
        assertUsage(CliRun.of("slow-subscriber", "--url", URL, "--workers", "2"), "slow-subscriber acts on the target");
        assertUsage(CliRun.of("reconnect-storm", "--url", URL, "--workers", "2", "--compare-policies"),
                "reconnect-storm acts on the target");
    }

    @Test
    void rolesAreTheCoordinatorsToGive() {
        assertUsage(CliRun.of("broadcast", "--url", URL, "--workers", "2", "--role", "subscriber"), "leave out --role");
    }

    @Test
    void singleProcessOutputsAreRefused() {
        assertUsage(CliRun.of("broadcast", "--url", URL, "--workers", "2", "--prometheus-port", "0"),
                "--prometheus-port");
        assertUsage(CliRun.of("steady", "--url", URL, "--workers", "2", "--output", "jsonl"), "--output jsonl");
    }

    @Test
    void aSweepNeedsWholeTopicsPerWorker() {
        assertUsage(CliRun.of("broadcast", "--url", URL, "--workers", "2", "--sweep", "subscribers=10,100"),
                "at least 2 topics");
    }

    @Test
    void workersMustBePositive() {
        assertUsage(CliRun.of("broadcast", "--url", URL, "--workers", "0"), "workers (--workers) must be at least 1");
    }

    @Test
    void aScenarioFileWithItsOwnStagesRunsInOneProcess(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("staged.yaml");
        Files.writeString(file, String.join("\n", "scenario: broadcast", "target:", "  url: " + URL, "stages:",
                "  - connect: 1s", "  - publish: {rate: 10, duration: 1s}", ""));
        assertUsage(CliRun.of("run", file.toString(), "--workers", "2"), "staged.yaml: --workers splits");
        assertUsage(CliRun.of("run", file.toString(), "--workers", "0"), "must be at least 1");
    }

    private static void assertUsage(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("herd: ").contains(expected);
    }
}
