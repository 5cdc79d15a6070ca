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

    @Option(names = "--slice", paramLabel = "I/N|auto/N",
            description = "Take share I of a run split over N processes started elsewhere (a Kubernetes Indexed Job, "
                    + "Slurm ranks, by hand): whole topics when there are at least N, else a share of the subscribers "
                    + "with slice 0 publishing. auto/N takes I from JOB_COMPLETION_INDEX, SLURM_PROCID or "
                    + "SLURM_ARRAY_TASK_ID. Give every slice the same --run-id; {slice} in --out is I.")
    public String slice;

    @Option(names = "--start-at", paramLabel = "TIME", converter = StartAtConverter.class,
            description = "Connect now and begin the measured phase at TIME (RFC 3339, e.g. 2026-12-06T21:30:00Z, or "
                    + "epoch milliseconds): slices started seconds apart measure from one instant.")
    public java.time.Instant startAt;

    @Option(names = "--start-tolerance", paramLabel = "DURATION", converter = dev.herd.cli.convert.DurationConverter.class,
            description = "A slice that reaches its measured phase later than this after --start-at stops with exit "
                    + "3, saying by how much (default: ${DEFAULT-VALUE}).")
    public java.time.Duration startTolerance;

    /** Sets this process's part of a split run on {@code builder} (the worker count stays with the front end). */
    public void applyTo(ScenarioBuilder<?> builder) {
        if (workers < 1) {
            throw new UsageException("workers (--workers) must be at least 1, not " + workers);
        }
        builder.role(role);
        if (runId != null) {
            builder.runId(runId);
        }
        if (slice != null) {
            Slice parsed = SliceArgument.parse(slice, System.getenv());
            builder.slice(parsed.index(), parsed.count());
        }
        if (startAt != null) {
            builder.startAt(startAt);
        }
        if (startTolerance != null) {
            builder.startTolerance(startTolerance);
        }
    }
}
