package dev.herd.cli.realserver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One of the real servers under {@code servers/} (mosquitto, rabbitmq, socketio, graphql-ws, websocketd), started
 * through {@code servers/start.sh NAME PORT} on a free loopback port before a test class and stopped through
 * {@code servers/stop.sh} after it (and by a shutdown hook should the JVM end first).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealServer mosquitto = RealServer.named("mosquitto");
 *
 * herd("broadcast", "--protocol", "mqtt", "--url", "ws://127.0.0.1:" + mosquitto.port(), ...);
 * }</pre>
 *
 * <p>A server whose binaries are missing skips the class with one line saying how to install it
 * ({@code servers/install.sh NAME}); where the environment variable {@code CI} is {@code true} it fails instead, so
 * that a CI machine without the servers cannot pass by skipping them.
 */
public final class RealServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** start.sh's exit code for a server that is not installed. */
    private static final int NOT_INSTALLED = 3;
    /** start.sh waits at most 60 s for the server itself; this bounds the script around it. */
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    /** stop.sh sends SIGTERM, waits 20 s, then SIGKILL and 5 s more. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern LISTENING =
            Pattern.compile("(?m)^(\\S+) pid (\\d+) listening on 127\\.0\\.0\\.1:(\\d+)$");

    private final String name;
    private final Path servers;
    private final Map<String, String> environment;
    private final UnaryOperator<String> getenv;
    private long pid;
    private int port;
    private Thread shutdownHook;

    RealServer(String name, Path servers, Map<String, String> environment, UnaryOperator<String> getenv) {
        this.name = name;
        this.servers = servers;
        this.environment = environment;
        this.getenv = getenv;
    }

    /** The server of that name under the repository's {@code servers/}, for {@code @RegisterExtension}. */
    public static RealServer named(String name) {
        return new RealServer(name, repositoryRoot().resolve("servers"), Map.of(), System::getenv);
    }

    /** The repository's root: the nearest directory above the working directory that holds servers/start.sh. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("servers/start.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no servers/start.sh above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Starts the server, or skips the test (fails it where CI=true) when the server is not installed.
     *
     * @throws TestAbortedException the server is not installed (and CI is not true)
     * @throws AssertionFailedError the server is not installed and CI is true
     */
    public void start() {
        if (pid != 0) {
            throw new IllegalStateException(name + " already runs (pid " + pid + ")");
        }
        Script check = run(Duration.ofSeconds(30), "start.sh", "--check", name);
        if (check.exit() == NOT_INSTALLED) {
            notInstalled(check.firstLine());
        } else if (check.exit() != 0) {
            throw new IllegalStateException("servers/start.sh --check " + name + " failed:\n" + check.output());
        }
        // A free port can be taken between choosing it and the server binding it: start.sh then refuses it.
        for (int attempt = 1; ; attempt++) {
            int candidate = freeLoopbackPort();
            Script started = run(START_LIMIT, "start.sh", name, Integer.toString(candidate));
            Matcher line = LISTENING.matcher(started.output());
            if (started.exit() == 0 && line.find() && line.group(1).equals(name)
                    && Integer.parseInt(line.group(3)) == candidate) {
                pid = Long.parseLong(line.group(2));
                port = candidate;
                shutdownHook = new Thread(this::stopQuietly, "stop " + name);
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                return;
            }
            run(STOP_LIMIT, "stop.sh", name, Integer.toString(candidate)); // whatever may have started
            if (started.exit() == NOT_INSTALLED) {
                notInstalled(started.firstLine());
            }
            if (!started.output().contains("is in use") || attempt == 3) {
                throw new IllegalStateException(name + " did not start (servers/start.sh " + name + " " + candidate
                        + ", exit " + started.exit() + "):\n" + started.output());
            }
        }
    }

    private void notInstalled(String line) {
        if ("true".equals(getenv.apply("CI"))) {
            throw new AssertionFailedError(line + " (CI=true: a real server that is not installed fails the build)");
        }
        throw new TestAbortedException(line);
    }

    public String name() {
        return name;
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        requireRunning();
        return port;
    }

    /** The pid of its process group's leader: the whole group is the server. */
    public long pid() {
        requireRunning();
        return pid;
    }

    /** Its temporary directory (state, generated config, server.log), as start.sh recorded it. */
    public Path directory() {
        requireRunning();
        try {
            return Path.of(Files.readString(servers.resolve("run/" + name + "-" + port + ".dir")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of its log, to explain a failed assertion. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory().resolve("server.log"));
            return name + " log (last lines):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return name + " log: unreadable (" + e.getMessage() + ")";
        }
    }

    /** Every TCP or UDP socket a process of its group listens on (read from /proc, not from start.sh's ss check). */
    public List<InetSocketAddress> listeningSockets() throws IOException {
        return ProcessGroup.listeningSockets(pid());
    }

    /** Stops the server and waits until no process of its group is left. */
    @Override
    public void close() {
        if (pid == 0) {
            return;
        }
        try {
            Script stopped = run(STOP_LIMIT, "stop.sh", name, Integer.toString(port));
            if (stopped.exit() != 0) {
                killGroup();
                throw new IllegalStateException("servers/stop.sh " + name + " " + port + " failed:\n"
                        + stopped.output());
            }
        } finally {
            pid = 0;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    private void stopQuietly() {
        if (pid != 0) {
            run(STOP_LIMIT, "stop.sh", name, Integer.toString(port));
        }
    }

    /** The last resort when stop.sh fails: SIGKILL to the whole group. */
    private void killGroup() {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunning() {
        if (pid == 0) {
            throw new IllegalStateException(name + " is not running");
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a script printed (stdout and stderr) and how it ended; exit -1 when it ran past its limit. */
    private record Script(int exit, String output) {
        String firstLine() {
            return output.lines().findFirst().orElse("(no output)");
        }
    }

    /** Runs servers/SCRIPT with its output in a file (no pipe for a started server to inherit), bounded. */
    private Script run(Duration limit, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(servers.resolve(script).toString());
        command.addAll(List.of(args));
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("herd-" + script, ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output);
            return new Script(ended ? process.exitValue() : -1,
                    ended ? text : text + "\n(servers/" + script + " ran longer than " + limit.toSeconds() + " s)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            throw new IllegalStateException("interrupted while running servers/" + script, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
