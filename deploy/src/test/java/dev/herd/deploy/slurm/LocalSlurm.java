package dev.herd.deploy.slurm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A private single-node Slurm cluster on this machine (munged, slurmctld, slurmd on 127.0.0.1), started by
 * {@code deploy/slurm/test/start-slurm.sh} before a test class and stopped by {@code stop-slurm.sh} after it (and by a
 * shutdown hook should the JVM end first); jobs are submitted with {@link #sbatch} and awaited with {@link #await}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalSlurm slurm = LocalSlurm.onThisMachine();
 *
 * long job = slurm.sbatch(Map.of("HERD", herd), "-n", "3", "-o", out.toString(), script.toString(), ...);
 * LocalSlurm.Finished finished = slurm.await(job, Duration.ofSeconds(120));
 * }</pre>
 *
 * <p>Without Slurm installed (or not as root) the class is skipped with one line saying how to install it
 * ({@code deploy/slurm/test/install-slurm.sh}); where the environment variable {@code CI} is {@code true} it fails
 * instead, so that CI cannot pass by skipping it.
 */
public final class LocalSlurm implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** start-slurm.sh's exit code when Slurm is not installed or this is not root. */
    private static final int CANNOT_START = 3;
    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(60);
    private static final Pattern STARTED = Pattern.compile("(?m)^slurm pids .* in (\\S+)$");
    private static final Pattern JOB_STATE = Pattern.compile("\\bJobState=(\\S+)");
    private static final Pattern EXIT_CODE = Pattern.compile("\\bExitCode=(\\d+):(\\d+)");
    private static final List<String> FINAL_STATES = List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT",
            "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE");

    private final Path scripts;
    private final UnaryOperator<String> getenv;
    private Path directory;
    private Thread shutdownHook;

    LocalSlurm(Path scripts, UnaryOperator<String> getenv) {
        this.scripts = scripts;
        this.getenv = getenv;
    }

    /** The cluster deploy/slurm/test/start-slurm.sh starts, for {@code @RegisterExtension}. */
    public static LocalSlurm onThisMachine() {
        return new LocalSlurm(repositoryRoot().resolve("deploy/slurm/test"), System::getenv);
    }

    /** The repository's root: the nearest directory above the working directory that holds deploy/slurm. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/slurm/herd.sbatch"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/slurm/herd.sbatch above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the cluster, or skips the test (fails it where CI=true) when Slurm cannot start here. */
    public void start() {
        Run check = run(SCRIPT_LIMIT, Map.of(), scripts.resolve("start-slurm.sh").toString(), "--check");
        if (check.exit() == CANNOT_START) {
            String line = check.firstLine();
            if ("true".equals(getenv.apply("CI"))) {
                throw new AssertionFailedError(line + " (CI=true: a Slurm that cannot start fails the build)");
            }
            throw new TestAbortedException(line);
        }
        Run started = run(SCRIPT_LIMIT, Map.of(), scripts.resolve("start-slurm.sh").toString());
        Matcher in = STARTED.matcher(started.output());
        if (started.exit() != 0 || !in.find()) {
            throw new IllegalStateException("deploy/slurm/test/start-slurm.sh failed (exit " + started.exit() + "):\n"
                    + started.output());
        }
        directory = Path.of(in.group(1));
        shutdownHook = new Thread(this::stopQuietly, "stop slurm");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The cluster's configuration file: SLURM_CONF for its commands. */
    public Path conf() {
        if (directory == null) {
            throw new IllegalStateException("slurm is not running");
        }
        return directory.resolve("slurm.conf");
    }

    /**
     * {@code sbatch --parsable ARGS} with {@code environment} added to this JVM's (sbatch passes it on to the job).
     *
     * @return the job's id
     */
    public long sbatch(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(List.of(args));
        Run submitted = run(SCRIPT_LIMIT, environment, command.toArray(String[]::new));
        if (submitted.exit() != 0) {
            throw new IllegalStateException("sbatch failed (exit " + submitted.exit() + "):\n" + submitted.output());
        }
        return Long.parseLong(submitted.firstLine().split(";")[0].trim());
    }

    /** How a job ended: its state and its batch script's exit code. */
    public record Finished(String state, int exitCode, int signal) {
    }

    /**
     * Waits until the job has ended (polling scontrol twice a second, which sbatch --wait does far more slowly), at
     * most {@code limit}; past it the job is cancelled and this fails.
     */
    public Finished await(long job, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Run shown = run(SCRIPT_LIMIT, Map.of(), "scontrol", "-o", "show", "job", Long.toString(job));
            Matcher state = JOB_STATE.matcher(shown.output());
            if (shown.exit() == 0 && state.find() && FINAL_STATES.contains(state.group(1))) {
                Matcher exit = EXIT_CODE.matcher(shown.output());
                if (!exit.find()) {
                    throw new IllegalStateException("no ExitCode for job " + job + ":\n" + shown.output());
                }
                return new Finished(state.group(1), Integer.parseInt(exit.group(1)), Integer.parseInt(exit.group(2)));
            }
            if (System.nanoTime() > deadline) {
                run(SCRIPT_LIMIT, Map.of(), "scancel", Long.toString(job));
                throw new AssertionFailedError("job " + job + " still " + (state.find(0) ? state.group(1) : "unknown")
                        + " after " + limit.toSeconds() + " s: cancelled");
            }
            Thread.sleep(500);
        }
    }

    /** Cancels every job and stops the daemons; their directory goes too. */
    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try {
            Run stopped = run(SCRIPT_LIMIT, Map.of(), scripts.resolve("stop-slurm.sh").toString(), directory.toString());
            if (stopped.exit() != 0) {
                throw new IllegalStateException("deploy/slurm/test/stop-slurm.sh failed:\n" + stopped.output());
            }
        } finally {
            directory = null;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private void stopQuietly() {
        if (directory != null) {
            run(SCRIPT_LIMIT, Map.of(), scripts.resolve("stop-slurm.sh").toString(), directory.toString());
        }
    }

    /** What a command printed (stdout and stderr) and how it ended; exit -1 when it ran past its limit. */
    private record Run(int exit, String output) {
        String firstLine() {
            return output.lines().findFirst().orElse("(no output)");
        }
    }

    /** Runs a command with SLURM_CONF set (once started), its output in a file (no pipe for a daemon to keep). */
    private Run run(Duration limit, Map<String, String> environment, String... command) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("herd-slurm", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.environment().put("SLURM_CONF", conf().toString());
            }
            process = builder.start();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output);
            return new Run(ended ? process.exitValue() : -1,
                    ended ? text : text + "\n(" + command[0] + " ran longer than " + limit.toSeconds() + " s)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            throw new IllegalStateException("interrupted while running " + command[0], e);
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
