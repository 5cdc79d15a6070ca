package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.cli.option.LoadOptions;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.connectstorm.ConnectStormStage;
import java.time.Duration;
import java.util.List;

/**
 * The timelines of the built-in scenarios, built from settings (flags or a scenario file). An explicit
 * {@code stages} list in the settings replaces the built-in timeline.
 */
public final class BuiltInScenarios {

    /** The built-in scenarios' names, as commands and as a scenario file's {@code scenario:}. */
    public static final List<String> NAMES = List.of("steady", "connect-storm", "broadcast", "slow-subscriber");

    private BuiltInScenarios() {
    }

    public static Scenario build(ScenarioSettings s) {
        if (!s.stages.isEmpty()) {
            return s.toScenario(s.stages);
        }
        return switch (s.scenario) {
            case "broadcast" -> broadcast(s);
            case "steady" -> steady(s);
            case "connect-storm" -> connectStorm(s);
            case "slow-subscriber" -> slowSubscriber(s);
            default -> throw new UsageException("unknown scenario '" + s.scenario + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static Scenario broadcast(ScenarioSettings s) {
        if (s.reconnect == null) {
            s.reconnect = LoadOptions.Reconnect.EXPONENTIAL;
        }
        double rate = s.rate == null ? 100 : s.rate;
        requirePositive(rate, "rate (--rate)");
        return s.toScenario(List.of(connect(s), new Stage.Publish(rate, s.duration, s.drain)));
    }

    private static Scenario steady(ScenarioSettings s) {
        if (s.reconnect == null) {
            s.reconnect = LoadOptions.Reconnect.EXPONENTIAL;
        }
        double rate = s.rate == null ? s.topics : s.rate;
        requirePositive(rate, "rate (--rate)");
        return s.toScenario(List.of(connect(s), new Stage.Publish(rate, s.duration, s.drain)));
    }

    private static Scenario connectStorm(ScenarioSettings s) {
        if (s.reconnect == null) {
            // A storm measures raw connect capacity: a failed client stays failed unless asked otherwise.
            s.reconnect = LoadOptions.Reconnect.NONE;
        }
        Duration hold = s.hold == null ? Duration.ofSeconds(2) : s.hold;
        return s.toScenario(List.of(new ConnectStormStage(connect(s), hold)));
    }

    private static Scenario slowSubscriber(ScenarioSettings s) {
        if (s.reconnect == null) {
            // A slow subscriber that reconnects hides the disconnect this scenario is there to see.
            s.reconnect = LoadOptions.Reconnect.NONE;
        }
        if (s.size == null) {
            s.size = SlowSubscriberSettings.DEFAULT_SIZE_BYTES;
        }
        double rate = s.rate == null ? SlowSubscriberSettings.DEFAULT_RATE_PER_TOPIC * s.topics : s.rate;
        requirePositive(rate, "rate (--rate)");
        return s.toScenario(List.of(s.slowSubscribers.toStage(connect(s), rate, s.drain, s.subscribers, s.topics)));
    }

    static Stage.Connect connect(ScenarioSettings s) {
        return new Stage.Connect(s.connectWithin, s.poisson, s.maxHandshakes);
    }

    private static void requirePositive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UsageException(field + " must be a positive number of messages per second, not " + value);
        }
    }
}
