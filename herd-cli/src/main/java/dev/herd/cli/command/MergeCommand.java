package dev.herd.cli.command;

import dev.herd.cli.UsageException;
import dev.herd.cli.convert.ThresholdConverter;
import dev.herd.cli.run.MergedResults;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.report.merge.MergedRun;
import dev.herd.report.merge.WorkerResult;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd merge DIR... --out DIR}: one result from the results of a run split over processes ({@code --role}
 * with a shared {@code --run-id}), on one host or several. Counts add up, percentiles are recomputed from the
 * processes' interval logs added together, the generator is trustworthy only if every process was; the merged
 * directory has the same files as a single run's, so thresholds, {@code herd report} and {@code herd compare} apply.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge the results of one run's processes (same --run-id) into one results directory.",
                "Counts add up; percentiles come from the interval logs added together, not from averages.",
                "Example: herd merge results/pub results/sub-1 results/sub-2 --out results/merged"},
        footer = {"", "Exit codes: 0 merged (and every threshold passed), 1 a threshold failed, 2 bad input."})
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "Results directories of the run's processes (each holds summary.json and intervals.hlog), "
                    + "or a directory that holds them (e.g. the shared volume of a Kubernetes Job).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "N",
            description = "The run was split into N slices (--slice I/N): each must be there exactly once, of this "
                    + "run, or the merge is refused naming the missing, doubled or foreign one (exit 2).")
    Integer expect;

    @Option(names = "--wait", paramLabel = "DURATION", converter = dev.herd.cli.convert.DurationConverter.class,
            description = "With --expect: wait up to this long for the last slices' results to appear (the last step "
                    + "of a job can merge while slices finish).")
    java.time.Duration waitFor;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the merged result.")
    Path out;

    @Option(names = "--threshold", paramLabel = "EXPRESSION", converter = ThresholdConverter.class,
            description = "A pass/fail condition on the merged figures, e.g. 'latency.p99 < 50ms' "
                    + "(repeatable; exit 1 when one fails; see docs/thresholds.md).")
    List<ThresholdExpression> thresholds = new ArrayList<>();

    @Override
    public Integer call() {
        if (expect != null && expect < 1) {
            throw new UsageException("expect (--expect) must be at least 1, not " + expect);
        }
        if (waitFor != null && expect == null) {
            throw new UsageException("--wait needs --expect N: it waits until the N slices are there");
        }
        List<WorkerResult> workers = expect == null ? readAll(SliceSet.resultDirectories(dirs))
                : SliceSet.await(dirs, expect, waitFor, MergeCommand::read, spec.commandLine().getOut());
        MergedRun merged;
        try {
            merged = MergedRun.of(workers);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return MergedResults.write(merged, thresholds, out, spec.commandLine().getOut());
    }

    private static List<WorkerResult> readAll(List<Path> resultDirs) {
        List<WorkerResult> workers = new ArrayList<>();
        for (Path dir : resultDirs) {
            workers.add(read(dir));
        }
        return workers;
    }

    /** Reads one process's results; a bad directory is a usage error (one line, exit 2). */
    static WorkerResult read(Path dir) {
        try {
            return WorkerResult.read(dir);
        } catch (NoSuchFileException e) {
            String reason = e.getReason() != null ? e.getReason() : "not found";
            throw new UsageException(e.getFile() + ": " + reason);
        } catch (IOException e) {
            throw new UsageException(String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"));
        }
    }
}
