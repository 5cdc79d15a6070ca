package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.TargetFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds from the command line: verdict, exit codes, summary.json, junit.xml, abort on fail. */
class ThresholdsCommandTest {

    @TempDir
    Path dir;



    @Test
    void passingThresholdsExitZeroAndAreWrittenToSummaryAndJUnitXml() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "20", "--topics", "2", "--rate", "50", "--duration", "1s", "--connect-within",
                    "200ms", "--out", dir.toString(), "-q",
                    "--threshold", "messages.lost == 0", "--threshold", "connections.failed_rate < 1%",
                    "--threshold", "latency.p99 < 10s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("pass");
            assertThat(summary.get("thresholds")).hasSize(3);
            assertThat(summary.get("thresholds").get(0).get("expression").asText()).isEqualTo("messages.lost == 0");
            assertThat(summary.get("thresholds").get(0).get("passed").asBoolean()).isTrue();
            String junit = Files.readString(dir.resolve("junit.xml"));
            assertThat(junit).contains("tests=\"3\" failures=\"0\"").contains("name=\"latency.p99 &lt; 10s\"");
        }
    }

    @Test
    void aFailedThresholdExitsOneWithTheFailureInJUnitXml() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "10", "--rate", "20", "--duration", "1s", "--connect-within", "200ms",
                    "--out", dir.toString(), "-q", "--threshold", "latency.max < 1us");
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("fail");
            assertThat(Files.readString(dir.resolve("junit.xml"))).contains("failures=\"1\"").contains("<failure");
        }
    }

    @Test
    void aBadExpressionIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:9/ws/{topic}", "--threshold", "latency.p99 < fast");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("latency.p99 < fast").contains("right-hand side");
    }

    @Test
    void abortOnFailStopsTheRunEarlyAndStillWritesResults() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b.maxConnections(5))) {
            CliRun run = CliRun.of("steady", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--clients", "20", "--duration", "30s", "--connect-within", "500ms", "--reconnect", "none",
                    "--out", dir.toString(), "-q", "--threshold", "connections.failed < 3", "--abort-on-fail");
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("interrupted").asBoolean()).isTrue();
            assertThat(summary.get("duration_ms").asLong()).isLessThan(30_000);
            assertThat(summary.get("verdict").asText()).isEqualTo("fail");
            assertThat(run.out()).contains("stopped early by threshold: connections.failed < 3");
        }
    }
}
