package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.scenario.BoundedWait;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The command disruption: a user's command (e.g. {@code docker restart chat}) run once with {@code /bin/sh -c},
 * bounded by a timeout after which it and its children are killed. Its exit status and, on failure, the first line
 * of its stderr are recorded; its stdout is discarded so it does not mix with the console.
 *
 * <pre>{@code
 * DisruptionReport r = ShellCommand.run("systemctl restart chat", Duration.ofMinutes(1), ctx::waitUntil);
 * }</pre>
 */
final class ShellCommand {

    private static final long KILL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private ShellCommand() {
    }

    static DisruptionReport run(String command, Duration timeout, BoundedWait wait) {
        Path stderr = null;
        try {
            // stderr goes to a file rather than a pipe so a chatty command can never block on a full pipe.
            stderr = Files.createTempFile("herd-disrupt-", ".stderr");
            Process process = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            boolean ended = wait.until(System.nanoTime() + timeout.toNanos(), () -> !process.isAlive());
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                BoundedWait.polling().until(System.nanoTime() + KILL_GRACE_NANOS, () -> !process.isAlive());
                return new DisruptionReport("command", command, null,
                        "did not finish within " + timeout.toMillis() + "ms (or the run was aborted); killed");
            }
            int status = process.exitValue();
            String error = status == 0 ? null : firstLine(stderr, status);
            return new DisruptionReport("command", command, status, error);
        } catch (IOException e) {
            return new DisruptionReport("command", command, null, "could not run /bin/sh: " + e.getMessage());
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static String firstLine(Path stderr, int status) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(stderr, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return "exit status " + status + " (stderr not UTF-8)";
        }
        return "exit status " + status;
    }
}
