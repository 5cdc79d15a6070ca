package dev.herd.api;

import java.util.List;

/**
 * herd from Java: a builder per built-in scenario, each taking every option the {@code herd} command takes, with the
 * same defaults and the same one-line errors, and {@code run()} returning the typed result with its thresholds
 * checked (docs/java.md).
 *
 * <pre>{@code
 * RunResult result = Herd.broadcast()
 *         .url("ws://127.0.0.1:8080/ws/{topic}").subscribers(1000).topics(4).rate(400)
 *         .duration(Duration.ofSeconds(10)).threshold("latency.p99 < 50ms")
 *         .run();
 * assert result.passed();
 * }</pre>
 */
public final class Herd {

    /** The built-in scenarios' names, as commands and as a scenario file's {@code scenario:}. */
    public static final List<String> SCENARIOS = List.of("steady", "connect-storm", "reconnect-storm", "broadcast",
            "slow-subscriber", "capacity");

    private Herd() {
    }

    public static BroadcastBuilder broadcast() {
        return new BroadcastBuilder();
    }

    /** A broadcast run at each of these subscriber counts in turn: the fan-out curve. */
    public static BroadcastBuilder fanoutSweep(int... subscriberCounts) {
        return new BroadcastBuilder().sweep(java.util.Arrays.stream(subscriberCounts).boxed().toList());
    }

    public static SteadyBuilder steady() {
        return new SteadyBuilder();
    }

    public static ConnectStormBuilder connectStorm() {
        return new ConnectStormBuilder();
    }

    public static ReconnectStormBuilder reconnectStorm() {
        return new ReconnectStormBuilder();
    }

    public static SlowSubscriberBuilder slowSubscriber() {
        return new SlowSubscriberBuilder();
    }

    public static CapacityBuilder capacity() {
        return new CapacityBuilder();
    }

    /** The builder of the built-in scenario named {@code name}; throws {@link InvalidOptionException} naming the choices. */
    public static ScenarioBuilder<?> scenario(String name) {
        return switch (name) {
            case "broadcast" -> broadcast();
            case "steady" -> steady();
            case "connect-storm" -> connectStorm();
            case "reconnect-storm" -> reconnectStorm();
            case "slow-subscriber" -> slowSubscriber();
            case "capacity" -> capacity();
            default -> throw new InvalidOptionException("scenario", "unknown scenario '" + name + "' (expected one of "
                    + String.join(", ", SCENARIOS) + ")");
        };
    }
}
