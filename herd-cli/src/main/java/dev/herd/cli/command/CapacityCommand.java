package dev.herd.cli.command;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.convert.FractionConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.CapacitySettings;
import dev.herd.cli.scenario.ScenarioSettings;
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

    @Option(names = "--ramp", paramLabel = "steps|continuous", defaultValue = "steps",
            description = "Add connections in steps, or continuously at --ramp-rate (default: ${DEFAULT-VALUE}).")
    CapacitySettings.Ramp ramp;

    @Option(names = "--step", paramLabel = "N", defaultValue = "500",
            description = "Connections added per step (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--step-every", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Window each step's connections arrive in (default: ${DEFAULT-VALUE}).")
    Duration stepEvery;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Hold each step this long before judging it (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--ramp-rate", paramLabel = "CONN/S", defaultValue = "200",
            description = "New connections per second with --ramp continuous (default: ${DEFAULT-VALUE}).")
    int rampRate;

    @Option(names = "--max-handshake-p99", paramLabel = "DURATION", defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Stop when a step's connect p99 exceeds this (default: ${DEFAULT-VALUE}).")
    Duration maxHandshakeP99;

    @Option(names = "--max-error-rate", paramLabel = "FRACTION", defaultValue = "1%", converter = FractionConverter.class,
            description = "Stop when more than this share of a step's attempts fail, e.g. 0.01 or 1%% (default: ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
            description = "Stop at this many connections even if nothing broke (default: ${DEFAULT-VALUE}; one "
                    + "process holds about 19,900 under a 20,000 file-descriptor limit).")
    int limit;

    @Mixin
    LoadOptions load;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ScenarioSettings s = new ScenarioSettings().apply(target, load, null);
        s.scenario = "capacity";
        CapacitySettings c = s.capacity;
        c.ramp = ramp;
        c.step = step;
        c.stepEvery = stepEvery;
        c.settle = settle;
        c.ratePerSecond = rampRate;
        c.maxHandshakeP99 = maxHandshakeP99;
        c.maxErrorRate = maxErrorRate;
        c.limit = limit;
        return ScenarioExecution.run(spec, output, s);
    }
}
