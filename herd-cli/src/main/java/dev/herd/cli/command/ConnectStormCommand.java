package dev.herd.cli.command;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.ScenarioSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd connect-storm}: N clients connect within T (open model), then are held briefly. Reports each
 * connect phase's percentiles, the rate achieved against the rate asked, failures by phase and reason, and
 * when the last client was open.
 */
@Command(name = "connect-storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"N clients connect within T; how fast and how well does the target take them?",
                "Example: herd connect-storm --url ws://127.0.0.1:8080/ws/{topic} --clients 10000 --within 30s"})
public final class ConnectStormCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000",
            description = "Clients that connect (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--within", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Window the clients arrive in, evenly or as a Poisson process (default: ${DEFAULT-VALUE}).")
    Duration within;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Hold the connections this long afterwards to see which stay (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--idle-before", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Stay idle this long before the storm, e.g. to read herd's own baseline (default: ${DEFAULT-VALUE}).")
    Duration idleBefore;

    @Mixin
    LoadOptions load;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ScenarioSettings s = new ScenarioSettings().apply(target, load, null);
        s.scenario = "connect-storm";
        s.subscribers = clients;
        s.connectWithin = within;
        s.hold = hold;
        s.idleBefore = idleBefore;
        return ScenarioExecution.run(spec, output, s);
    }
}
