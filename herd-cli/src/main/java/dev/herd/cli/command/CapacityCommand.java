package dev.herd.cli.command;

import dev.herd.api.Herd;

import dev.herd.api.CapacityBuilder;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.convert.FractionConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd capacity}: adds connections (in steps, or continuously) until a stop condition, and reports the
 * most connections held with every condition met, what broke first, and the curve.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ramp connections until the target breaks; report the most it held and what broke first.",
                "Example: herd capacity --url ws://127.0.0.1:8080/ws/{topic} --step 500 --max-handshake-p99 200ms"})
public final class CapacityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--ramp", paramLabel = "steps|continuous", description = "Add connections in steps, or continuously at --ramp-rate (default: ${DEFAULT-VALUE}).")
    CapacityBuilder.Ramp ramp;

    @Option(names = "--step", paramLabel = "N", description = "Connections added per step (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--step-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Window each step's connections arrive in (default: ${DEFAULT-VALUE}).")
    Duration stepEvery;

    @Option(names = "--settle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hold each step this long before judging it (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--ramp-rate", paramLabel = "CONN/S", description = "New connections per second with --ramp continuous (default: ${DEFAULT-VALUE}).")
    int rampRate;

    @Option(names = "--max-handshake-p99", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when a step's connect p99 exceeds this (default: ${DEFAULT-VALUE}).")
    Duration maxHandshakeP99;

    @Option(names = "--max-error-rate", paramLabel = "FRACTION", converter = FractionConverter.class,
            description = "Stop when more than this share of a step's attempts fail, e.g. 0.01 or 1%% (default: ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--limit", paramLabel = "N", description = "Stop at this many connections even if nothing broke (default: ${DEFAULT-VALUE}; one "
                    + "process holds about 19,900 under a 20,000 file-descriptor limit).")
    int limit;

    @Mixin
    LoadOptions load;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CapacityBuilder b = Herd.capacity();
        target.applyTo(b);
        load.applyTo(b);
        b.ramp(ramp).step(step).stepEvery(stepEvery).settle(settle).rampRate(rampRate)
                .maxHandshakeP99(maxHandshakeP99).maxErrorRate(maxErrorRate).limit(limit);
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
