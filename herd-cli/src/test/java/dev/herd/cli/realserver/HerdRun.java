package dev.herd.cli.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of herd's shaded jar (the {@code herd.shadedJar} system property failsafe sets), as a user would run it:
 * its exit code, its console output and its summary.json.
 *
 * <pre>{@code
 * HerdRun run = HerdRun.of(dir.resolve("broadcast"), "broadcast", "--url", url, ...);
 * assertThat(run.figure("messages.lost")).as(run.log()).isZero();
 * }</pre>
 *
 * @param exit herd's exit code
 * @param log what herd printed (stdout and stderr)
 * @param summary its summary.json, or a missing node when it wrote none
 * @param results the directory it wrote its results to
 */
record HerdRun(int exit, String log, JsonNode summary, Path results) {

    /** A run is a few seconds; this bounds one that hangs. */
    private static final long LIMIT_SECONDS = 120;

    /** Runs herd with {@code args} and {@code --out dir/results}; its console output goes to dir/herd.log. */
    static HerdRun of(Path dir, String... args) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve("results");
        Path log = dir.resolve("herd.log");
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-jar", shadedJar()));
        command.addAll(List.of(args));
        command.addAll(List.of("--out", out.toString()));
        Process herd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!herd.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("herd ran longer than " + LIMIT_SECONDS + " s:\n" + Files.readString(log));
            }
        } finally {
            herd.destroyForcibly();
        }
        Path summary = out.resolve("summary.json");
        JsonNode json = Files.isRegularFile(summary) ? new ObjectMapper().readTree(summary.toFile())
                : new ObjectMapper().missingNode();
        return new HerdRun(herd.exitValue(), Files.readString(log), json, out);
    }

    private static String shadedJar() {
        String jar = System.getProperty("herd.shadedJar");
        if (jar == null) {
            throw new IllegalStateException("herd.shadedJar is not set: run the real-server tests with failsafe "
                    + "(mvn verify), which builds the jar first");
        }
        return jar;
    }

    /** A figure of summary.json by its dotted path, e.g. {@code connections.failed_by_reason.subscribe_rejected}. */
    long figure(String path) {
        JsonNode node = summary;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        if (!node.isNumber()) {
            throw new AssertionError("summary.json has no figure " + path + "; herd said:\n" + log);
        }
        return node.asLong();
    }

    /** A figure, 0 when summary.json leaves it out (an empty by-reason map has no keys). */
    long figureOrZero(String path) {
        JsonNode node = summary;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node.isNumber() ? node.asLong() : 0;
    }

    /** Fails when {@code secret} appears in the console output or in any file of the results directory. */
    void assertNowhere(String secret) throws IOException {
        if (log.contains(secret)) {
            throw new AssertionError("herd's console output holds a secret:\n" + log);
        }
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
                    throw new AssertionError(file + " holds a secret");
                }
            }
        }
    }
}
