package dev.herd.cli.command;

import dev.herd.api.Herd;

import dev.herd.api.SlowSubscriberBuilder;

import dev.herd.cli.convert.ByteRateConverter;
import dev.herd.cli.convert.ByteSizeConverter;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd slow-subscriber}: some subscribers stop reading (or read slowly) for a while during publishing.
 * Reports the healthy subscribers' latency before, during and after the stall, and what the target did to the
 * slow ones: disconnected, dropped, buffered or unaffected, with the evidence.
 */
@Command(name = "slow-subscriber", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Some subscribers stop reading for a while; does anyone else notice, and what does the "
                + "target do to the slow ones?",
                "Example: herd slow-subscriber --url ws://127.0.0.1:8080/ws/{topic} --subscribers 100 "
                        + "--slow-fraction 0.1 --stall-for 5s"})
public final class SlowSubscriberCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--subscribers", paramLabel = "N", description = "Subscriber clients, slow ones included (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--slow-fraction", paramLabel = "FRACTION",
            description = "Share of the subscribers that stall, spread over the topics (default: 0.1).")
    Double slowFraction;

    @Option(names = "--slow-count", paramLabel = "K",
            description = "Exactly K subscribers stall, instead of a fraction.")
    Integer slowCount;

    @Option(names = "--stall-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "From the start of publishing to the stall (default: ${DEFAULT-VALUE}).")
    Duration stallAfter;

    @Option(names = "--stall-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the slow subscribers stall (default: ${DEFAULT-VALUE}).")
    Duration stallFor;

    @Option(names = "--slow-read", paramLabel = "RATE", converter = ByteRateConverter.class,
            description = "Read at this rate during the stall instead of not at all, e.g. 1KiB/s.")
    Long slowRead;

    @Option(names = "--after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep publishing this long after the stall (default: ${DEFAULT-VALUE}).")
    Duration after;

    @Option(names = "--slow-receive-buffer", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Socket receive buffer of the slow subscribers (default: ${DEFAULT-VALUE}).")
    long slowReceiveBuffer;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Messages published per second, all topics together (default: 300 per topic).")
    Double rate;

    @Mixin
    LoadOptions load;

    @Mixin
    MessageOptions message;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        SlowSubscriberBuilder b = Herd.slowSubscriber();
        target.applyTo(b);
        load.applyTo(b);
        message.applyTo(b);
        b.subscribers(subscribers).stallAfter(stallAfter).stallFor(stallFor).after(after)
                .slowReceiveBuffer(slowReceiveBuffer).slowRead(slowRead == null ? 0 : slowRead);
        if (rate != null) {
            b.rate(rate);
        }
        if (slowFraction != null) {
            b.slowFraction(slowFraction);
        }
        if (slowCount != null) {
            b.slowCount(slowCount);
        }
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
