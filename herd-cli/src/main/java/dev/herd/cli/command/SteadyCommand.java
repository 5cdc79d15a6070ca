package dev.herd.cli.command;

import dev.herd.api.Herd;

import dev.herd.api.SteadyBuilder;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.MessageOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
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

    @Option(names = "--clients", paramLabel = "N", description = "Subscriber clients to hold open (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to hold them (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Messages per second, all topics together (default: one per topic per second).")
    Double rate;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class,
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
        SteadyBuilder b = Herd.steady();
        target.applyTo(b);
        load.applyTo(b);
        message.applyTo(b);
        b.clients(clients).duration(duration).window(window);
        if (rate != null) {
            b.rate(rate);
        }
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
