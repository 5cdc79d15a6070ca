package dev.herd.cli.command;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.MessageOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.ScenarioSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herd steady}: N clients held open for a duration with a low publish rate: do connections stay up,
 * and does latency stay flat?
 */
@Command(name = "steady", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hold N clients open for a duration with a low publish rate; watch drops and latency.",
                "Example: herd steady --url ws://127.0.0.1:8080/ws/{topic} --clients 5000 --duration 10m"})
public final class SteadyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Subscriber clients to hold open (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to hold them (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Messages per second, all topics together (default: one per topic per second).")
    Double rate;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
            description = "Report latency, drops and reconnects per window of this length (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Mixin
    LoadOptions load;

    @Mixin
    MessageOptions message;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ScenarioSettings s = new ScenarioSettings().apply(target, load, message);
        s.scenario = "steady";
        s.subscribers = clients;
        s.rate = rate;
        s.duration = duration;
        s.window = window;
        return ScenarioExecution.run(spec, output, s);
    }
}
