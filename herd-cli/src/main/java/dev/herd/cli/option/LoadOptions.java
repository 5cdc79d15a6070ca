package dev.herd.cli.option;

import dev.herd.api.Arrival;
import dev.herd.api.Reconnect;
import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.convert.ByteSizeConverter;
import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.convert.SourceAddressesConverter;
import dev.herd.engine.transport.Transport;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How clients arrive, spread over topics, and come back: shared by every built-in scenario. */
public final class LoadOptions {


    @Option(names = "--topics", paramLabel = "N", description = "Topics; subscribers are spread evenly over them (default: ${DEFAULT-VALUE}).")
    public int topics;

    @Option(names = "--topic-prefix", paramLabel = "TEXT", description = "Topic names are this prefix and the topic's index (default: ${DEFAULT-VALUE}).")
    public String topicPrefix;

    @Option(names = "--connect-within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Spread the clients' first connects over this time (open model; default: ${DEFAULT-VALUE}).")
    public Duration connectWithin;

    @Option(names = "--arrival", paramLabel = "even|poisson", description = "Arrival spacing on the connect ramp (default: ${DEFAULT-VALUE}).")
    public Arrival arrival;

    @Option(names = "--max-handshakes", paramLabel = "N", description = "At most N connection attempts in progress at once (0 = no cap).")
    public int maxHandshakes;

    @Option(names = "--reconnect", paramLabel = "none|immediate|exponential",
            description = "Reconnect policy when a connection is lost or an attempt fails (default: per scenario).")
    public Reconnect reconnect;

    @Option(names = "--reconnect-base", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exponential backoff base: attempt n waits a random time in [0, min(cap, base*2^(n-1))] "
                    + "(full jitter; default: ${DEFAULT-VALUE}).")
    public Duration reconnectBase;

    @Option(names = "--reconnect-cap", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exponential backoff cap (default: ${DEFAULT-VALUE}).")
    public Duration reconnectCap;

    @Option(names = "--reconnect-max-attempts", paramLabel = "N", description = "Give up after N attempts in a row (0 = never; default: ${DEFAULT-VALUE}).")
    public int reconnectMaxAttempts;

    @Option(names = "--max-message-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest WebSocket message or SSE event accepted (default: ${DEFAULT-VALUE}).")
    public long maxMessageBytes;

    @Option(names = "--receive-budget", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "What all connections together may hold in messages received in part, beyond 64 KiB each; "
                    + "a message that does not fit ends its connection (local_receive_budget) and keeps herd's memory "
                    + "bounded whatever the target sends (default: 256MiB, or a quarter of the JVM's direct memory "
                    + "if less).")
    public Long receiveBudget;

    @Option(names = "--loops", paramLabel = "N",
            description = "Event loop threads carrying the clients (default: the number of cores).")
    public Integer loops;

    @Option(names = "--transport", paramLabel = "epoll|io_uring|nio",
            description = "Socket transport: Linux's epoll or io_uring (Netty's native transports), or the JDK's NIO; "
                    + "one that does not load here falls back to the next, said in the log (default: ${DEFAULT-VALUE}).")
    public Transport transport;

    @Option(names = "--source-address", paramLabel = "IPS", converter = SourceAddressesConverter.class,
            description = "Bind client sockets to these local addresses in turn, e.g. 127.0.0.2-127.0.0.5: each has "
                    + "its own ~28,000 ephemeral ports. auto (default): 127.0.0.2-127.0.0.9 towards a 127.x target on "
                    + "Linux, the system's choice otherwise; none: always the system's choice.")
    public java.util.List<java.net.InetAddress> sourceAddresses;

    @Mixin
    public ProcessSplitOptions split = new ProcessSplitOptions();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of random choices (Poisson arrivals, reconnect jitter) so runs repeat (default: ${DEFAULT-VALUE}).")
    public long seed;

    /** Sets these options on {@code builder}: the one place the command line's load options meet the engine. */
    public void applyTo(ScenarioBuilder<?> builder) {
        builder.topics(topics).topicPrefix(topicPrefix).connectWithin(connectWithin).arrival(arrival)
                .maxHandshakes(maxHandshakes).reconnectBase(reconnectBase).reconnectCap(reconnectCap)
                .reconnectMaxAttempts(reconnectMaxAttempts).maxMessageBytes(maxMessageBytes).seed(seed);
        if (reconnect != null) {
            builder.reconnect(reconnect);
        }
        if (receiveBudget != null) {
            builder.receiveBudget(receiveBudget);
        }
        if (loops != null) {
            builder.loops(loops);
        }
        if (sourceAddresses != null) {
            builder.sourceAddresses(sourceAddresses);
        }
        if (transport != null) {
            builder.transport(transport);
        }
        split.applyTo(builder);
    }
}
