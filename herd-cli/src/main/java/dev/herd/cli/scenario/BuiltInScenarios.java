package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.cli.option.LoadOptions;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.capacity.CapacityStage;
import dev.herd.engine.scenario.connectstorm.ConnectStormStage;
import dev.herd.engine.scenario.fanout.FanoutSweepStage;
import dev.herd.engine.scenario.steady.SteadyStage;
import java.time.Duration;
import java.util.List;

/**
 * The timelines of the built-in scenarios, built from settings (flags or a scenario file). An explicit
 * {@code stages} list in the settings replaces the built-in timeline.
 */
public final class BuiltInScenarios {

    /** The built-in scenarios' names, as commands and as a scenario file's {@code scenario:}. */
    public static final List<String> NAMES = List.of("steady", "connect-storm", "reconnect-storm", "broadcast",
            "slow-subscriber", "capacity");

    private BuiltInScenarios() {
    }

    /** Whether the built-in timeline of {@code scenario} publishes (connect-storm and capacity only connect). */
    public static boolean publishes(String scenario) {
        return !scenario.equals("connect-storm") && !scenario.equals("capacity");
    }

    public static Scenario build(ScenarioSettings s) {
        if (!s.stages.isEmpty()) {
            return s.toScenario(s.stages);
        }
        return switch (s.scenario) {
            case "broadcast" -> broadcast(s);
            case "steady" -> steady(s);
            case "connect-storm" -> connectStorm(s);
            case "capacity" -> capacity(s);
            case "reconnect-storm" -> reconnectStorm(s);
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
        if (!s.sweepSubscribers.isEmpty()) {
            // The sweep adds subscribers step by step: the run starts with none.
            s.subscribers = 0;
            try {
                return s.toScenario(List.of(new FanoutSweepStage(s.sweepSubscribers, connect(s), rate, s.duration,
                        s.drain)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("sweep (--sweep): " + e.getMessage());
            }
        }
        return s.toScenario(timeline(s, connect(s), new Stage.Publish(rate, s.duration, s.drain)));
    }

    private static Scenario steady(ScenarioSettings s) {
        if (s.reconnect == null) {
            s.reconnect = LoadOptions.Reconnect.EXPONENTIAL;
        }
        double rate = s.rate == null ? s.topics : s.rate;
        requirePositive(rate, "rate (--rate)");
        if (s.window.isZero()) {
            throw new UsageException("window (--window) must be longer than 0");
        }
        return s.toScenario(timeline(s, connect(s), new SteadyStage(rate, s.duration, s.window, s.drain)));
    }

    private static Scenario connectStorm(ScenarioSettings s) {
        if (s.reconnect == null) {
            // A storm measures raw connect capacity: a failed client stays failed unless asked otherwise.
            s.reconnect = LoadOptions.Reconnect.NONE;
        }
        Duration hold = s.hold == null ? Duration.ofSeconds(2) : s.hold;
        return s.toScenario(List.of(new ConnectStormStage(connect(s), hold, s.idleBefore)));
    }

    private static Scenario capacity(ScenarioSettings s) {
        if (s.reconnect == null) {
            s.reconnect = LoadOptions.Reconnect.NONE;
        }
        CapacitySettings c = s.capacity;
        if (c.step < 1 || c.limit < 1 || c.ratePerSecond < 1) {
            throw new UsageException((c.step < 1 ? "step (--step)" : c.limit < 1 ? "limit (--limit)"
                    : "rate (--ramp-rate)") + " must be at least 1");
        }
        if (c.stepEvery.isZero() || c.maxHandshakeP99.isZero()) {
            throw new UsageException((c.stepEvery.isZero() ? "step_every (--step-every)"
                    : "max_handshake_p99 (--max-handshake-p99)") + " must be longer than 0");
        }
        s.subscribers = 0;
        boolean continuous = c.ramp == CapacitySettings.Ramp.CONTINUOUS;
        int step = continuous ? c.ratePerSecond : c.step;
        Duration every = continuous ? Duration.ofSeconds(1) : c.stepEvery;
        return s.toScenario(List.of(new CapacityStage(step, every, c.settle, c.maxHandshakeP99, c.maxErrorRate,
                c.limit, continuous)));
    }

    private static Scenario reconnectStorm(ScenarioSettings s) {
        if (s.reconnect == null) {
            // Real clients back off; --reconnect immediate (or --compare-policies) shows what happens if they don't.
            s.reconnect = LoadOptions.Reconnect.EXPONENTIAL;
        }
        if (s.reconnect == LoadOptions.Reconnect.NONE) {
            throw new UsageException("a reconnect storm needs clients that reconnect: use --reconnect immediate or "
                    + "exponential (YAML: clients.reconnect.policy)");
        }
        double rate = s.rate == null ? ReconnectStormSettings.DEFAULT_RATE : s.rate;
        requirePositive(rate, "rate (--rate)");
        return s.toScenario(List.of(s.reconnectStorm.stage(connect(s), rate, s.drain)));
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

    /** Connect, then the measured stage; with the settings' start barrier between them when there is one. */
    private static List<Stage> timeline(ScenarioSettings s, Stage.Connect connect, Stage measured) {
        return s.startBarrier == null ? List.of(connect, measured) : List.of(connect, s.startBarrier, measured);
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
