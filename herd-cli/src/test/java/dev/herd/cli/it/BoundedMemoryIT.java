package dev.herd.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.testing.Misbehaviour;
import dev.herd.broker.testing.MisbehavingServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * herd's memory stays bounded whatever a target sends: the shaded jar, in a JVM of 64 MiB of heap and 128 MiB of
 * direct memory, holds 200 clients for three seconds against targets that stream without end (lines, events,
 * fragments, floods, headers), each client reconnecting at once whenever it is dropped. An unbounded buffer would end
 * the process with an OutOfMemoryError; here each run ends by itself and writes its results. (A connection that is
 * flooded holds its read buffers, up to about 300 KiB of direct memory: 200 of them need about 60 MiB.)
 */
class BoundedMemoryIT {

    private static final int CLIENTS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Misbehaviour.class, names = {"SSE_ENDLESS_LINE", "SSE_ENDLESS_EVENT", "SSE_FLOOD",
            "ENDLESS_FRAGMENTS", "OVERSIZED_FRAME", "FLOOD", "ENDLESS_HEADERS", "MANY_HEADERS"})
    void aSmallJvmOutlastsATargetThatStreamsWithoutEnd(Misbehaviour behaviour) throws Exception {
        Path out = dir.resolve("results");
        Path log = dir.resolve("herd.log");
        int exit;
        long sent;
        try (MisbehavingServer server = MisbehavingServer.start(behaviour)) {
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Xmx64m", "-XX:MaxDirectMemorySize=128m",
                    "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir.resolve("oom.hprof"),
                    "-Dio.netty.leakDetection.level=disabled", "-jar", System.getProperty("herd.shadedJar"),
                    "connect-storm", "--url", behaviour.sse() ? server.sseUrl() : server.wsUrl(),
                    "--clients", Integer.toString(CLIENTS), "--within", "500ms", "--hold", "3s",
                    "--reconnect", "immediate", "--connect-timeout", "2s", "--loops", "2", "-q",
                    "--out", out.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("herd ended").isTrue();
            exit = p.exitValue();
            sent = server.bytesSent();
        }

        String console = Files.readString(log);
        assertThat(console).doesNotContain("OutOfMemoryError");
        assertThat(exit).as(console).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode connections = summary.path("connections");
        assertThat(connections.path("attempted").asLong()).isGreaterThanOrEqualTo(CLIENTS);
        assertThat(connections.path("failed_by_reason").has("other")).isFalse();
        assertThat(connections.path("closed_by_reason").has("other")).isFalse();
        // The target did its worst: far more than the process's memory went its way, or it was refused early.
        assertThat(sent + connections.path("failed").asLong()).isPositive();
    }
}
