package dev.herd.cli.command;

import dev.herd.api.Herd;

import dev.herd.api.BroadcastBuilder;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.MessageOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.SweepParser;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herd broadcast}: N subscribers over T topics, one publisher stream of R messages/s spread over the
 * topics; measures end-to-end latency from the intended send time and accounts for every delivery.
 */
@Command(name = "broadcast", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish R messages/s over T topics to N subscribers and measure every delivery.",
                "Example: herd broadcast --url ws://127.0.0.1:8080/ws/{topic} --subscribers 1000 --topics 10 "
                        + "--rate 500 --duration 30s"})
public final class BroadcastCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--subscribers", paramLabel = "N", description = "Subscriber clients (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--rate", paramLabel = "MSG/S", description = "Messages published per second, all topics together (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to publish (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--sweep", paramLabel = "subscribers=N1,N2,...",
            description = "Fan-out sweep: run the publish stage at each subscriber count and write the fan-out curve "
                    + "(e.g. subscribers=10,100,1000,10000; --subscribers is then ignored).")
    String sweep;

    @Mixin
    LoadOptions load;

    @Mixin
    MessageOptions message;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        BroadcastBuilder b = Herd.broadcast();
        target.applyTo(b);
        load.applyTo(b);
        message.applyTo(b);
        b.subscribers(subscribers).rate(rate).duration(duration);
        if (sweep != null) {
            b.sweep(SweepParser.parse(sweep));
        }
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
