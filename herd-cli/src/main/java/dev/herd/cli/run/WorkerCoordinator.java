package dev.herd.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.ExitCode;
import dev.herd.cli.Herd;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.UsageException;
import dev.herd.cli.console.WorkersProgressPrinter;
import dev.herd.cli.option.OutputOptions;
import dev.herd.api.BroadcastBuilder;
import dev.herd.api.ScenarioBuilder;
import dev.herd.api.Slice;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.report.merge.MergedRun;
import dev.herd.report.merge.WorkerResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --workers N}: runs a scenario as N herd processes of the same jar on this host, each with its share of the
 * run ({@link Slice}) under one run id, shows their combined status once a second, and merges their results
 * into one ({@link MergedRun}) when they end. One process holds at most ~19,900 sockets under a 20,000 open-files
 * limit; N processes hold N times that. Ctrl-C stops every worker; each writes its partial results, which are merged.
 */
public final class WorkerCoordinator {

    /** Options the coordinator handles itself or sets per worker; every other option given is passed on as given. */
    private static final Set<String> NOT_PASSED_ON = Set.of("--workers", "--slice", "--out", "--quiet",
            "--output", "--threshold", "--run-id", "--prometheus-port", "--prometheus-bind", "--abort-on-fail");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long STOP_GRACE_SECONDS = 60;

    private final CommandSpec spec;
    private final OutputOptions output;
    private final ScenarioBuilder<?> builder;
    private final int workers;
    /** A scenario file's {@code output.dir} and {@code output.quiet} (null, false for a command). */
    private final Path fileOut;
    private final boolean fileQuiet;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Read by the Ctrl-C hook while the main thread may still be starting workers. */
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    /** Workers that said they are connected and wait for the start signal ({@link StartBarrier}). */
    private final Set<Integer> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopping;

    private WorkerCoordinator(CommandSpec spec, OutputOptions output, ScenarioBuilder<?> builder, int workers,
                              Path fileOut, boolean fileQuiet) {
        this.spec = spec;
        this.output = output;
        this.builder = builder;
        this.workers = workers;
        this.fileOut = fileOut;
        this.fileQuiet = fileQuiet;
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    /**
     * Runs the command's scenario over {@code workers} processes; returns the exit code. {@code fileOut} and
     * {@code fileQuiet} are a scenario file's own output settings (null and false for a command).
     */
    public static int run(CommandSpec spec, OutputOptions output, ScenarioBuilder<?> builder, int workers,
                          Path fileOut, boolean fileQuiet) {
        return new WorkerCoordinator(spec, output, builder, workers, fileOut, fileQuiet).execute();
    }

    private int execute() {
        check(workers);
        long runId = builder.runId() != null ? builder.runId() : new SecureRandom().nextInt() & 0xffffffffL;
        String runHex = String.format("%08x", runId);
        // A scenario file's output.dir and quiet apply as they do in one process; --out and -q win.
        Path dir = ResultsDirectory.create(output.out != null ? output.out : fileOut, builder.name());
        Path workersDir = dir.resolve("workers");
        try {
            Files.createDirectories(workersDir);
        } catch (IOException e) {
            throw new RunFailedException("cannot create " + workersDir + ": " + e.getMessage(), e);
        }
        boolean byTopics = new Slice(0, workers).byTopics(builder.topics());
        if (!quiet()) {
            out.printf("herd %s -> %s over %d processes (%s, run %s, results in %s)%n", builder.name(),
                    dev.herd.engine.secret.Redactor.of(builder.redaction()).url(builder.url()),
                    workers, byTopics ? "each takes whole topics" : "each takes a share of the subscribers; worker 0 "
                            + "publishes", runHex, dir);
            out.flush();
        }
        AtomicReferenceArray<JsonNode> latest = new AtomicReferenceArray<>(workers);
        CountDownLatch merged = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            processes.forEach(Process::destroy); // SIGTERM: each worker writes its partial results
            try {
                merged.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herd-workers-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < workers && !stopping; i++) {
                Path workerDir = workersDir.resolve("worker-" + i);
                dirs.add(workerDir);
                processes.add(start(i, workers, runHex, workerDir, workersDir.resolve("worker-" + i + ".log"), latest));
            }
            int[] exits = await(latest);
            return merge(dirs, exits, dir, workersDir);
        } finally {
            processes.forEach(Process::destroy);
            merged.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }

    private void check(int workers) {
        if (!Slice.SCENARIOS.contains(builder.name())) {
            throw new UsageException("--workers splits " + String.join(", ", Slice.SCENARIOS) + "; " + builder.name()
                    + " acts on the target as a whole and runs in one process");
        }
        if (!builder.timeline().isEmpty()) {
            throw new UsageException("--workers splits a built-in scenario's timeline; a file with its own stages "
                    + "runs in one process");
        }
        if (builder.role() != WorkerRole.BOTH) {
            throw new UsageException("--workers gives each process its role itself: leave out --role");
        }
        if (output.abortOnFail || output.prometheusPort != null || output.output == OutputOptions.Output.JSONL) {
            throw new UsageException("--abort-on-fail, --prometheus-port and --output jsonl work on one process: "
                    + "leave them out with --workers (thresholds are checked on the merged result)");
        }
        if (builder.topics() < workers && builder instanceof BroadcastBuilder b && b.sweeps()) {
            throw new UsageException("a sweep over --workers " + workers + " needs at least " + workers
                    + " topics (--topics), so that each worker has whole topics");
        }
        try {
            TargetProbe.check(TargetUrl.parse(builder.url()));
            if (builder.publishUrl() != null) {
                TargetProbe.check(TargetUrl.parse(builder.publishUrl()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("url (--url): " + e.getMessage());
        }
    }

    private Process start(int index, int workers, String runHex, Path workerDir, Path log,
                          AtomicReferenceArray<JsonNode> latest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Herd.class.getName());
        cmd.add(WorkerArguments.FLAG);
        List<String> args = new ArrayList<>();
        args.add(spec.name());
        args.addAll(passedOn());
        args.addAll(List.of("--slice", index + "/" + workers, "--run-id", runHex, "--out", workerDir.toString(),
                "--quiet", "--output", "jsonl"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            WorkerArguments.write(args, p.getOutputStream());
        } catch (IOException e) {
            throw new RunFailedException("cannot start worker " + index + ": " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> readLines(p, index, workers, latest), "herd-worker-" + index + "-lines");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /**
     * This JVM's options for the workers (heap, GC, HERD_JAVA_OPTS), except those that would make N processes
     * collide on one resource: a debugger's port, an agent, a flight recording's file.
     */
    static List<String> jvmOptions() {
        return jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static List<String> jvmOptions(List<String> given) {
        List<String> options = new ArrayList<>();
        for (String option : given) {
            if (!option.startsWith("-agentlib:") && !option.startsWith("-agentpath:") && !option.startsWith("-javaagent:")
                    && !option.startsWith("-Xrunjdwp") && !option.startsWith("-XX:StartFlightRecording")) {
                options.add(option);
            }
        }
        return options;
    }

    private boolean quiet() {
        return output.quiet || fileQuiet;
    }

    /** The parameters and options of this command line, as given, without those the coordinator sets itself. */
    private List<String> passedOn() {
        List<String> args = new ArrayList<>();
        for (PositionalParamSpec positional : spec.commandLine().getParseResult().matchedPositionals()) {
            args.addAll(positional.originalStringValues());
        }
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (NOT_PASSED_ON.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                args.add(value);
            }
        }
        return args;
    }

    private void readLines(Process p, int index, int workers, AtomicReferenceArray<JsonNode> latest) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    JsonNode node = MAPPER.readTree(line);
                    if (node.path("ready").asBoolean()) {
                        ready.add(index);
                        if (ready.size() == workers) {
                            start();
                        }
                    } else {
                        latest.set(index, node);
                    }
                } catch (IOException notJson) {
                    // a worker writes only JSON lines on stdout; anything else is not a status
                }
            }
        } catch (IOException ended) {
            // the worker ended
        }
    }

    /** The start signal, once: every worker waiting at its barrier begins its measured phase now. */
    private void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        for (Process p : processes) {
            try (var stdin = p.getOutputStream()) {
                stdin.write((StartBarrier.GO + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException gone) {
                // the worker has ended; its exit code tells
            }
        }
    }

    /** Waits for every worker, printing the combined status once a second; returns their exit codes. */
    private int[] await(AtomicReferenceArray<JsonNode> latest) {
        long started = System.nanoTime();
        WorkersProgressPrinter progress = quiet() ? null : new WorkersProgressPrinter(out);
        int[] exits = new int[processes.size()];
        try {
            long nextTick = started + TimeUnit.SECONDS.toNanos(1);
            while (true) {
                Process alive = processes.stream().filter(Process::isAlive).findFirst().orElse(null);
                if (alive == null) {
                    break;
                }
                if (!ready.isEmpty() && processes.stream().anyMatch(p -> !p.isAlive())) {
                    start(); // a worker ended before it was ready: the others must not wait for it
                }
                long wait = nextTick - System.nanoTime();
                if (wait > 0) {
                    alive.waitFor(wait, TimeUnit.NANOSECONDS);
                    continue;
                }
                nextTick += TimeUnit.SECONDS.toNanos(1);
                if (progress != null && !stopping) {
                    JsonNode[] now = new JsonNode[latest.length()];
                    int running = 0;
                    for (int i = 0; i < now.length; i++) {
                        boolean on = processes.get(i).isAlive();
                        running += on ? 1 : 0;
                        now[i] = on ? latest.get(i) : null;
                    }
                    progress.print((System.nanoTime() - started) / 1e9, now, running);
                }
            }
            for (int i = 0; i < exits.length; i++) {
                exits[i] = processes.get(i).waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while waiting for the workers");
        }
        return exits;
    }

    private int merge(List<Path> dirs, int[] exits, Path dir, Path workersDir) {
        List<WorkerResult> results = new ArrayList<>();
        int failedCode = 0;
        for (int i = 0; i < dirs.size(); i++) {
            boolean wrote = Files.isRegularFile(dirs.get(i).resolve("summary.json"));
            // A worker stopped by Ctrl-C ends with the signal's status after writing its results: not a failure.
            boolean stoppedAndWrote = stopping && wrote;
            if ((exits[i] > ExitCode.THRESHOLD_FAILED.code() && !stoppedAndWrote) || !wrote) {
                err.printf("herd: worker %d ended with exit code %d: %s%n", i, exits[i],
                        lastLine(workersDir.resolve("worker-" + i + ".log")));
                // herd's own exit codes: a worker's usage error is the run's; anything else (3, a signal) is 3.
                int code = exits[i] == ExitCode.USAGE.code() ? ExitCode.USAGE.code() : ExitCode.NOT_RUN.code();
                failedCode = Math.max(failedCode, code);
            }
            if (wrote) {
                try {
                    results.add(WorkerResult.read(dirs.get(i)));
                } catch (IOException e) {
                    err.printf("herd: worker %d's results cannot be read: %s%n", i, e.getMessage());
                    failedCode = ExitCode.NOT_RUN.code();
                }
            }
        }
        err.flush();
        if (results.isEmpty()) {
            return failedCode == 0 ? ExitCode.NOT_RUN.code() : failedCode;
        }
        // A scenario file's thresholds first, then those given on the command line, as in one process.
        List<ThresholdExpression> thresholds = new ArrayList<>(builder.thresholds());
        thresholds.addAll(output.thresholds());
        int verdict = MergedResults.write(MergedRun.of(results), thresholds, dir, out);
        return failedCode != 0 ? failedCode : verdict;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "(no output; see " + log + ")";
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }
}
