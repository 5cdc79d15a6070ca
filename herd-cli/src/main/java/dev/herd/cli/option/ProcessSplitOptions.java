package dev.herd.cli.option;

import dev.herd.api.ScenarioBuilder;
import dev.herd.api.Slice;
import dev.herd.cli.UsageException;

import picocli.CommandLine.Option;

/**
 * How this process takes part in a run split over processes: {@code --workers N} (this process starts and
 * coordinates N workers), or by hand {@code --role} with a shared {@code --run-id}. Shared by the scenario commands
 * and {@code herd run}.
 */
public final class ProcessSplitOptions {

    @Option(names = "--role", paramLabel = "both|publisher|subscriber", defaultValue = "both",
            description = "Split a run over processes: this one only publishes, or only subscribes "
                    + "(give every process the same --run-id; default: ${DEFAULT-VALUE}).")
    public dev.herd.engine.run.WorkerRole role;

    @Option(names = "--run-id", paramLabel = "HEX",
            description = "The run id the stamps carry (8 hex digits); processes of one run must share it "
                    + "(default: random).", converter = RunIdConverter.class)
    public Long runId;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Split the run over N herd processes on this host (broadcast, steady, connect-storm): each "
                    + "takes whole topics (or a share of the subscribers when there are fewer topics than workers), "
                    + "and the results are merged into one (default: ${DEFAULT-VALUE}).")
    public int workers;

    /** Set by {@code --workers} on the processes it starts: which share of the run this one is. */
    @Option(names = "--worker-slice", paramLabel = "I/N", hidden = true)
    public String workerSlice;

    /** Sets this process's part of a split run on {@code builder} (the worker count stays with the front end). */
    public void applyTo(ScenarioBuilder<?> builder) {
        if (workers < 1) {
            throw new UsageException("workers (--workers) must be at least 1, not " + workers);
        }
        builder.role(role);
        if (runId != null) {
            builder.runId(runId);
        }
        if (workerSlice != null) {
            try {
                Slice slice = Slice.parse(workerSlice);
                builder.slice(slice.index(), slice.count());
            } catch (IllegalArgumentException e) {
                throw new UsageException("worker slice " + e.getMessage());
            }
        }
    }
}
