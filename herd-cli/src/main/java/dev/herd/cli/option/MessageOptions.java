package dev.herd.cli.option;

import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.convert.ByteSizeConverter;
import dev.herd.cli.convert.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What the publisher sends and how: shared by the scenarios that publish. */
public final class MessageOptions {

    @Option(names = "--size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Message size: the stamp plus padding (default: 128 bytes; slow-subscriber: 4KiB).")
    public Long size;

    @Option(names = "--template", paramLabel = "TEXT",
            description = "Payload template holding {{stamp}} (and optionally {{padding}}), to wrap the stamp in "
                    + "the target's own envelope, e.g. '{\"type\":\"msg\",\"text\":\"{{stamp}}\"}'.")
    public String template;

    @Option(names = "--binary", description = "Publish WebSocket binary frames instead of text frames.")
    public boolean binary;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Content-Type of HTTP POST publishes (default: ${DEFAULT-VALUE}).")
    public String contentType;

    @Option(names = "--publish-connections", paramLabel = "N", description = "HTTP POST publish connections (default: ${DEFAULT-VALUE}; at most one per topic).")
    public int publishConnections;

    @Option(names = "--publish-in-flight", paramLabel = "N", description = "Requests pipelined on one HTTP publish connection (default: ${DEFAULT-VALUE}).")
    public int publishInFlight;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After publishing, wait up to this long for the last deliveries (default: ${DEFAULT-VALUE}).")
    public Duration drain;

    /** Sets these options on {@code builder}: the one place the command line's message options meet the engine. */
    public void applyTo(ScenarioBuilder<?> builder) {
        if (size != null) {
            builder.size(size);
        }
        builder.template(template).binary(binary).contentType(contentType).publishConnections(publishConnections)
                .publishInFlight(publishInFlight).drain(drain);
    }
}
