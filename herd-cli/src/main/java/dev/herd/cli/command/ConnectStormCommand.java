package dev.herd.cli.command;

import dev.herd.api.Herd;

import dev.herd.api.ConnectStormBuilder;

import dev.herd.cli.convert.DurationConverter;
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

    @Option(names = "--clients", paramLabel = "N", description = "Clients that connect (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Window the clients arrive in, evenly or as a Poisson process (default: ${DEFAULT-VALUE}).")
    Duration within;

    @Option(names = "--hold", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hold the connections this long afterwards to see which stay (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--idle-before", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stay idle this long before the storm, e.g. to read herd's own baseline (default: ${DEFAULT-VALUE}).")
    Duration idleBefore;

    @Mixin
    LoadOptions load;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ConnectStormBuilder b = Herd.connectStorm();
        target.applyTo(b);
        load.applyTo(b);
        b.clients(clients).within(within).hold(hold).idleBefore(idleBefore);
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
