package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.TargetFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconnectStormCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;



    @Test
    void aRestartStormWritesItsSectionToSummaryJson() throws IOException {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("reconnect-storm", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--clients", "50", "--down", "500ms", "--connect-within", "500ms", "--settle", "500ms",
                    "--out", dir.toString(), "-q");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.path("scenario").asText()).isEqualTo("reconnect-storm");
            JsonNode storm = summary.path("reconnect_storm");
            assertThat(storm.path("disruption").path("kind").asText()).isEqualTo("target-restart");
            assertThat(storm.path("policy").asText()).startsWith("exponential(");
            assertThat(storm.path("lost").asLong()).isEqualTo(50);
            assertThat(storm.path("not_recovered").asLong()).isZero();
            assertThat(storm.path("recovered_50_ms").isNumber()).isTrue();
            assertThat(storm.path("recovered_95_ms").isNumber()).isTrue();
            assertThat(storm.path("recovered_100_ms").asDouble()).isGreaterThanOrEqualTo(500);
            assertThat(storm.path("peak_attempts_per_second").asLong()).isPositive();
            assertThat(storm.path("attempts_over_time").get(0).has("t_ms")).isTrue();
            assertThat(storm.path("open_curve").get(0).path("open").asLong()).isEqualTo(50);
            assertThat(storm.has("messages_lost")).isTrue();
            assertThat(summary.path("connections").path("close_codes").path("1012").asLong()).isEqualTo(50);
            assertThat(run.out()).contains("recovery   lost 50 of 50 open");
        }
    }

    @Test
    void comparingPoliciesWritesBothRunsAndTheComparison() throws IOException {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("reconnect-storm", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--clients", "100", "--down", "500ms", "--connect-within", "500ms", "--settle", "500ms",
                    "--reconnect-base", "200ms", "--reconnect-cap", "2s", "--compare-policies",
                    "--out", dir.toString(), "-q");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(dir.resolve("immediate/summary.json")).exists();
            assertThat(dir.resolve("exponential/summary.json")).exists();
            assertThat(dir.resolve("immediate/timeseries.json")).exists();
            JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.path("reconnect_storm").path("policy").asText())
                    .isEqualTo("exponential(base=200ms, cap=2s, full jitter)");
            JsonNode comparison = summary.path("reconnect_storm_comparison");
            assertThat(comparison.path("immediate").path("policy").asText()).isEqualTo("immediate");
            assertThat(comparison.path("exponential").path("lost").asLong()).isEqualTo(100);
            assertThat(comparison.path("peak_attempts_ratio").asDouble()).isGreaterThan(1.0);
            assertThat(run.out()).contains("immediate vs exponential").contains("peak attempts/s ratio");
        }
    }

    @Test
    void aTargetRestartAgainstAnotherServerIsAUsageErrorSayingWhatToUseInstead() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            CliRun run = CliRun.of("reconnect-storm", "--url",
                    "ws://127.0.0.1:" + other.getAddress().getPort() + "/ws/{topic}", "--clients", "5",
                    "--out", dir.toString(), "-q");

            assertThat(run.exitCode()).isEqualTo(2);
            String message = run.err();
            assertThat(message.lines().count()).as(message).isEqualTo(1);
            assertThat(message).startsWith("herd: target-restart needs herd's reference target")
                    .contains("/stats answered 404").contains("--disrupt-cmd").contains("--disrupt client-drop");
            assertThat(Files.exists(dir.resolve("summary.json"))).isFalse();
        } finally {
            other.stop(0);
        }
    }

    @Test
    void anUnknownDisruptionIsAUsageError() {
        CliRun run = CliRun.of("reconnect-storm", "--url", "ws://127.0.0.1:1/ws/{topic}", "--disrupt", "sometimes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("herd: --disrupt: 'sometimes' is not one of target-restart, client-drop, command");
    }

    @Test
    void aCommandAndAnotherDisruptionExcludeEachOther() {
        CliRun run = CliRun.of("reconnect-storm", "--url", "ws://127.0.0.1:1/ws/{topic}", "--disrupt", "client-drop",
                "--disrupt-cmd", "true");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("exclude each other");
    }
}
