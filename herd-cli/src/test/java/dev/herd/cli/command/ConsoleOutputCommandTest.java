package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.Herd;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.TargetFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The console's machine-readable outputs: JSON lines on stdout, and the live Prometheus endpoint. */
class ConsoleOutputCommandTest {

    @TempDir
    Path dir;

    @Test
    void jsonlPutsOneJsonObjectPerSecondOnStdoutAndTheHumanTextOnStderr() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "10", "--rate", "20", "--duration", "2s", "--connect-within", "200ms",
                    "--output", "jsonl", "--out", dir.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                JsonNode point = json.readTree(line);
                assertThat(point.has("t")).isTrue();
                assertThat(point.has("open")).isTrue();
                assertThat(point.has("received_per_second")).isTrue();
                assertThat(point.has("latency_p99_ms")).isTrue();
            }
            assertThat(run.err()).contains("== broadcast").contains("results");
        }
    }

    @Test
    void thePrometheusEndpointServesWhileTheRunGoesOn() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            StringWriter out = new StringWriter();
            CommandLine cli = Herd.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter()));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("steady",
                    "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}", "--clients", "10", "--duration", "4s",
                    "--window", "1s", "--prometheus-port", "0", "-q", "--out", dir.toString()));
            Pattern endpoint = Pattern.compile("prometheus\\s+(http://\\S+/metrics)");
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> endpoint.matcher(out.toString()).find());
            Matcher m = endpoint.matcher(out.toString());
            assertThat(m.find()).isTrue();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // every series carries the run's id, so that the slices of one run can be added up
            Pattern allOpen = Pattern.compile("herd_open_connections\\{scenario=\"steady\",run_id=\"[0-9a-f]+\"} 10\\b");
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> allOpen.matcher(http.send(
                    HttpRequest.newBuilder(URI.create(m.group(1))).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).find());
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}
