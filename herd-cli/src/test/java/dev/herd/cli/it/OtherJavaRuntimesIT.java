package dev.herd.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.testing.TargetFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shaded jar, built for Java 17, receives every message under every other Java runtime installed here
 * ({@code /usr/lib/jvm}), over WebSocket and SSE. Newer runtimes change what Netty may use: from Java 24 on it reads
 * no memory through {@code sun.misc.Unsafe} while direct buffers keep their addresses, and herd once counted every
 * WebSocket text message as lost there. Skipped where no other runtime is installed.
 */
class OtherJavaRuntimesIT {

    private static final Path JVMS = Paths.get("/usr/lib/jvm");

    @TempDir
    Path dir;

    static List<String> otherRuntimes() throws IOException {
        Path running = Paths.get(System.getProperty("java.home")).toRealPath();
        // Debian names one runtime several ways (java-17-openjdk-amd64, java-1.17.0-openjdk-amd64, ...): one each.
        Map<Path, String> byRuntime = new LinkedHashMap<>();
        if (Files.isDirectory(JVMS)) {
            try (Stream<Path> homes = Files.list(JVMS)) {
                for (Path home : homes.sorted().toList()) {
                    Path java = home.resolve("bin").resolve("java");
                    Path real = home.toRealPath();
                    if (Files.isExecutable(java) && !real.equals(running)) {
                        byRuntime.putIfAbsent(real, java.toString());
                    }
                }
            }
        }
        Assumptions.assumeFalse(byRuntime.isEmpty(), "no Java runtime other than the running one under " + JVMS);
        return List.copyOf(byRuntime.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRuntimes")
    void everyMessageArrivesUnderThisRuntime(String java) throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            for (String kind : List.of("ws", "sse")) {
                String scheme = kind.equals("ws") ? "ws" : "http";
                Path out = dir.resolve(kind);
                Path log = dir.resolve(kind + ".log");
                String base = "127.0.0.1:" + target.port() + "/";
                // Both kinds are published by HTTP POST (SSE is one-way), so each run checks the receiving side alone.
                Process herd = new ProcessBuilder(java, "-jar", System.getProperty("herd.shadedJar"), "broadcast",
                        "--url", scheme + "://" + base + kind + "/{topic}", "--publish-url", "http://" + base
                        + "pub/{topic}", "--subscribers", "10", "--topics", "2", "--rate", "50", "--duration", "2s",
                        "--connect-within", "500ms", "-q", "--out", out.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                assertThat(herd.waitFor(90, TimeUnit.SECONDS)).as("herd ended").isTrue();
                String console = Files.readString(log);
                assertThat(herd.exitValue()).as(console).isZero();
                assertThat(console).as("console").doesNotContain("[WARN]");

                JsonNode messages = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("messages");
                assertThat(messages.get("published").asLong()).as(kind + " published").isEqualTo(100);
                // Two topics, five subscribers each: every message reaches five.
                assertThat(messages.get("received").asLong()).as(kind + " received").isEqualTo(500);
                assertThat(messages.get("lost").asLong()).as(kind + " lost").isZero();
            }
        }
    }
}
