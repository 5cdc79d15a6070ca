package dev.herd.cli.run;

import dev.herd.cli.ExitCode;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.console.ProgressPrinter;
import dev.herd.cli.console.SummaryPrinter;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.result.NothingReceived;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.scenario.Scenario;
import dev.herd.report.hlog.IntervalLogWriter;
import dev.herd.report.html.HtmlReportWriter;
import dev.herd.report.summary.SummaryJsonWriter;
import dev.herd.cli.option.OutputOptions;
import dev.herd.api.InvalidOptionException;
import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.UsageException;
import dev.herd.cli.secret.ConsoleRedaction;
import dev.herd.engine.result.ResultFigures;
import picocli.CommandLine.Model.CommandSpec;
import dev.herd.report.junit.JUnitXmlWriter;
import dev.herd.report.live.JsonLinesWriter;
import dev.herd.report.live.PrometheusExporter;
import java.net.InetSocketAddress;
import dev.herd.report.timeseries.TimeseriesWriter;
import dev.herd.engine.threshold.AbortOnFailWatch;
import dev.herd.engine.threshold.ThresholdEvaluator;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario the way every command does: results directory, interval log, time series, console,
 * Ctrl-C handling (the partial results are still written), summary.json, report.html and the summary table.
 */
public final class ScenarioExecution {

    private PrintWriter out;
    private final boolean quiet;
    private PrintWriter jsonLines;
    private InetSocketAddress prometheus;

    public ScenarioExecution(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /**
     * Applies the output options: JSON lines on {@code stdout} with the human text on {@code stderr}, and the
     * Prometheus endpoint.
     */
    public ScenarioExecution configure(OutputOptions options, PrintWriter stderr) {
        if (options.output == OutputOptions.Output.JSONL) {
            jsonLines = out;
            out = stderr;
        }
        if (options.prometheusPort != null) {
            prometheus = new InetSocketAddress(options.prometheusBind, options.prometheusPort);
        }
        return this;
    }

    /**
     * What every scenario command does: builds the scenario from its builder and runs it with the command's output
     * options (console, JSON lines, Prometheus, thresholds, results directory, role and run id), over {@code workers}
     * processes when more than one.
     */
    public static int run(CommandSpec spec, OutputOptions output, ScenarioBuilder<?> builder, int workers) {
        if (workers > 1) {
            return WorkerCoordinator.run(spec, output, builder, workers, null, false);
        }
        if (builder.slice() != null && !builder.slice().byTopics(builder.topics()) && StartBarrier.available()) {
            // Workers sharing a topic's subscribers begin publishing only when all of them are connected.
            builder.startBarrier(new StartBarrier(spec.commandLine().getOut(), builder.connectWithin()
                    .plus(builder.connectTimeout().multipliedBy(2)).plusSeconds(30)));
        }
        Scenario scenario = build(builder);
        List<ThresholdExpression> thresholds = new ArrayList<>(builder.thresholds());
        thresholds.addAll(output.thresholds());
        return new ScenarioExecution(spec.commandLine().getOut(), output.quiet)
                .configure(output, spec.commandLine().getErr())
                .execute(scenario, ResultsDirectory.forSlice(output.out, builder.slice()), thresholds, builder.role(),
                        builder.runId())
                .exitCode();
    }

    /**
     * The engine's scenario, its options checked (one line naming the option, exit 2, otherwise); from then on the
     * console masks its secrets.
     */
    public static Scenario build(ScenarioBuilder<?> builder) {
        try {
            Scenario scenario = builder.build();
            ConsoleRedaction.add(scenario.redactor());
            return scenario;
        } catch (InvalidOptionException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The outcome of one execution: the figures, where they were written, and the exit code. */
    public record Outcome(RunResult result, Path directory, int exitCode) {
    }

    public Outcome execute(Scenario scenario, Path requestedDir) {
        return execute(scenario, requestedDir, List.of());
    }

    public Outcome execute(Scenario scenario, Path requestedDir, List<ThresholdExpression> thresholds) {
        return execute(scenario, requestedDir, thresholds, WorkerRole.BOTH, null);
    }

    /** Runs {@code scenario} as one process of a run split by role, under a shared run id (null: random). */
    public Outcome execute(Scenario scenario, Path requestedDir, List<ThresholdExpression> thresholds,
                           WorkerRole role, Long runId) {
        TargetProbe.check(scenario.url());
        if (scenario.publishUrl() != null) {
            TargetProbe.check(scenario.publishUrl());
        }
        ReferenceTargetCheck.check(scenario);
        Path dir = ResultsDirectory.create(requestedDir, scenario.name());
        List<IntervalListener> listeners = new ArrayList<>();
        try {
            listeners.add(new IntervalLogWriter(dir.resolve("intervals.hlog")));
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + dir.resolve("intervals.hlog") + ": " + e.getMessage());
        }
        listeners.add(new TimeseriesWriter(dir.resolve("timeseries.json")));
        if (jsonLines != null) {
            listeners.add(new JsonLinesWriter(jsonLines));
        } else if (!quiet) {
            listeners.add(new ProgressPrinter(out));
        }
        // The run id is known before the run, so the Prometheus endpoint can label every series with it.
        long id = runId != null ? runId : java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL;
        PrometheusExporter exporter = startPrometheus(scenario, String.format("%08x", id));
        if (exporter != null) {
            listeners.add(exporter);
        }
        Run[] runRef = new Run[1];
        AbortOnFailWatch watch = new AbortOnFailWatch(thresholds, () -> {
            out.println("threshold lost for good: stopping the run (results are still written)");
            out.flush();
            runRef[0].abort();
        });
        listeners.add(watch);
        Run run = new Run(scenario, listeners).role(role).runId(id);
        runRef[0] = run;
        if (!quiet) {
            out.printf("herd %s -> %s (%d clients, run %08x, results in %s)%n", scenario.name(),
                    scenario.redactor().url(scenario.url().template()),
                    scenario.subscribers(), run.runId(), dir);
            out.flush();
        }
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: end the run early and wait until its partial results are on disk.
            run.abort();
            try {
                written.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herd-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunResult result = run.execute();
            SummaryJsonWriter summaryWriter = new SummaryJsonWriter();
            ThresholdVerdict verdict = ThresholdEvaluator.evaluate(thresholds, ResultFigures.of(result));
            result = result.withThresholds(verdict.results(), verdict.verdict());
            summaryWriter.write(result, dir.resolve("summary.json"));
            new JUnitXmlWriter().write(scenario.name(), result.durationMs() / 1000.0, verdict, result.interrupted(),
                    dir.resolve("junit.xml"));
            Path report = writeReport(dir);
            new SummaryPrinter(out).print(result, dir);
            if (report != null) {
                out.println("report       " + report);
            }
            watch.trigger().ifPresent(t -> out.println("stopped early by threshold: " + t.text()));
            java.util.Optional<String> nothing = NothingReceived.diagnose(result);
            nothing.ifPresent(cause -> out.println("herd: run failed: " + cause));
            out.flush();
            int code = nothing.isPresent() ? ExitCode.NOT_RUN.code()
                    : verdict.passed() ? ExitCode.PASSED.code() : ExitCode.THRESHOLD_FAILED.code();
            return new Outcome(result, dir, code);
        } catch (IOException e) {
            throw new RunFailedException("cannot write results to " + dir + ": " + e.getMessage(), e);
        } finally {
            if (exporter != null) {
                exporter.close();
            }
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }

    /** Serves the live series when --prometheus-port was given; a port that cannot be bound ends the run. */
    private PrometheusExporter startPrometheus(Scenario scenario, String runIdHex) {
        if (prometheus == null) {
            return null;
        }
        try {
            PrometheusExporter exporter = PrometheusExporter.start(prometheus, scenario.name(), runIdHex,
                    scenario.slice());
            out.printf("prometheus   http://%s:%d/metrics%n", prometheus.getHostString(), exporter.address().getPort());
            out.flush();
            return exporter;
        } catch (IOException e) {
            throw new RunFailedException("cannot serve Prometheus metrics on " + prometheus.getHostString() + ":"
                    + prometheus.getPort() + ": " + e.getMessage());
        }
    }

    /** Writes report.html; a failure costs only the page (the other files are written): warn and go on. */
    private Path writeReport(Path dir) {
        try {
            return new HtmlReportWriter().write(dir);
        } catch (IOException | RuntimeException e) {
            out.println("herd: warning: report.html not written: " + e);
            out.flush();
            return null;
        }
    }
}
