package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.Herd;
import dev.herd.target.testing.TargetFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Thresholds from the command line: verdict, exit codes, summary.json, junit.xml, abort on fail. */
class ThresholdsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int herd(String... args) {
        CommandLine cli = Herd.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void passingThresholdsExitZeroAndAreWrittenToSummaryAndJUnitXml() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            int exit = herd("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "20", "--topics", "2", "--rate", "50", "--duration", "1s", "--connect-within",
                    "200ms", "--out", dir.toString(), "-q",
                    "--threshold", "messages.lost == 0", "--threshold", "connections.failed_rate < 1%",
                    "--threshold", "latency.p99 < 10s");
            assertThat(exit).as(err.toString()).isZero();
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
            int exit = herd("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "10", "--rate", "20", "--duration", "1s", "--connect-within", "200ms",
                    "--out", dir.toString(), "-q", "--threshold", "latency.max < 1us");
            assertThat(exit).isEqualTo(1);
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("fail");
            assertThat(Files.readString(dir.resolve("junit.xml"))).contains("failures=\"1\"").contains("<failure");
        }
    }

    @Test
    void aBadExpressionIsOneLineAndExitTwo() {
        int exit = herd("broadcast", "--url", "ws://127.0.0.1:9/ws/{topic}", "--threshold", "latency.p99 < fast");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(err.toString()).contains("latency.p99 < fast").contains("right-hand side");
    }

    @Test
    void abortOnFailStopsTheRunEarlyAndStillWritesResults() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b.maxConnections(5))) {
            int exit = herd("steady", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--clients", "20", "--duration", "30s", "--connect-within", "500ms", "--reconnect", "none",
                    "--out", dir.toString(), "-q", "--threshold", "connections.failed < 3", "--abort-on-fail");
            assertThat(exit).isEqualTo(1);
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("interrupted").asBoolean()).isTrue();
            assertThat(summary.get("duration_ms").asLong()).isLessThan(30_000);
            assertThat(summary.get("verdict").asText()).isEqualTo("fail");
            assertThat(out.toString()).contains("stopped early by threshold: connections.failed < 3");
        }
    }
}
