package dev.herd.cli.run;

import dev.herd.api.Reconnect;
import dev.herd.api.ReconnectStormBuilder;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.console.ReconnectStormPrinter;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormComparison;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code --compare-policies}: the same reconnect storm run twice, same seed and clients, first with clients that
 * reconnect at once, then with exponential backoff and full jitter (the configured base and cap). Each run writes its
 * full results to {@code <out>/immediate/} and {@code <out>/exponential/}; {@code <out>/summary.json} is the
 * exponential run's summary with a {@code reconnect_storm_comparison} section beside it.
 *
 * <pre>{@code
 * int exit = new PolicyComparison(out, quiet).execute(settings, Path.of("results/storm")).exitCode();
 * }</pre>
 */
public final class PolicyComparison {

    private final PrintWriter out;
    private final boolean quiet;

    public PolicyComparison(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    public ScenarioExecution.Outcome execute(ReconnectStormBuilder storm, Path requestedDir) {
        Path root = ResultsDirectory.create(requestedDir, storm.name());
        ScenarioExecution.Outcome immediate = run(storm, Reconnect.IMMEDIATE, root.resolve("immediate"));
        ScenarioExecution.Outcome exponential = run(storm, Reconnect.EXPONENTIAL, root.resolve("exponential"));
        int exitCode = Math.max(immediate.exitCode(), exponential.exitCode());
        ReconnectStormSection a = section(immediate.result());
        ReconnectStormSection b = section(exponential.result());
        if (a == null || b == null) {
            out.println("no comparison: a run ended before its storm (see its results)");
            out.flush();
            return new ScenarioExecution.Outcome(exponential.result(), root, exitCode);
        }
        ReconnectStormComparison comparison = ReconnectStormComparison.of(a, b);
        RunResult combined = exponential.result().withSection("reconnect_storm_comparison", comparison);
        try {
            new SummaryJsonWriter().write(combined, root.resolve("summary.json"));
        } catch (IOException e) {
            throw new RunFailedException("cannot write results to " + root + ": " + e.getMessage(), e);
        }
        new ReconnectStormPrinter(out).printComparison(comparison, root);
        return new ScenarioExecution.Outcome(combined, root, exitCode);
    }

    private ScenarioExecution.Outcome run(ReconnectStormBuilder storm, Reconnect policy, Path dir) {
        storm.reconnect(policy);
        if (!quiet) {
            out.printf("%n### reconnect storm with %s reconnects%n", policy.name().toLowerCase(java.util.Locale.ROOT));
            out.flush();
        }
        return new ScenarioExecution(out, quiet).execute(ScenarioExecution.build(storm), dir);
    }

    private static ReconnectStormSection section(RunResult result) {
        return result.sections().get("reconnect_storm") instanceof ReconnectStormSection s ? s : null;
    }
}
