package dev.herd.cli.option;

import dev.herd.api.BroadcastBuilder;
import dev.herd.api.CapacityBuilder;
import dev.herd.api.ConnectStormBuilder;
import dev.herd.api.ReconnectStormBuilder;
import dev.herd.api.ScenarioBuilder;
import dev.herd.api.SlowSubscriberBuilder;
import dev.herd.api.SteadyBuilder;
import dev.herd.broker.TargetConfig;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's defaults, read from where they are declared: the engine's scenario builders ({@code DEFAULT_…}) and the
 * reference target's {@link TargetConfig}. No option of a scenario or of {@code herd target} states its default
 * itself, so {@code --help} shows, and a run uses, exactly what the engine and the target would use from Java.
 */
public final class EngineDefaults implements IDefaultValueProvider {

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.command() == null) {
            return null;
        }
        String command = option.command().name();
        return command.equals("target") ? target(option.longestName()) : scenario(command, option.longestName());
    }

    /** The default of {@code flag} for scenario command {@code command} (or {@code run}/{@code demo}), or null. */
    static String scenario(String command, String flag) {
        return switch (flag) {
            case "--connect-timeout" -> duration(ScenarioBuilder.DEFAULT_CONNECT_TIMEOUT);
            case "--tls-provider" -> lower(ScenarioBuilder.DEFAULT_TLS_PROVIDER);
            case "--tls-versions" -> String.join(",", ScenarioBuilder.DEFAULT_TLS_VERSIONS);
            case "--alpn" -> String.join(",", ScenarioBuilder.DEFAULT_TLS_ALPN);
            case "--topics" -> Integer.toString(ScenarioBuilder.DEFAULT_TOPICS);
            case "--topic-prefix" -> ScenarioBuilder.DEFAULT_TOPIC_PREFIX;
            case "--connect-within" -> duration(ScenarioBuilder.DEFAULT_CONNECT_WITHIN);
            case "--arrival" -> lower(ScenarioBuilder.DEFAULT_ARRIVAL);
            case "--max-handshakes" -> Integer.toString(ScenarioBuilder.DEFAULT_MAX_HANDSHAKES);
            case "--reconnect-base" -> duration(ScenarioBuilder.DEFAULT_RECONNECT_BASE);
            case "--reconnect-cap" -> duration(ScenarioBuilder.DEFAULT_RECONNECT_CAP);
            case "--reconnect-max-attempts" -> Integer.toString(ScenarioBuilder.DEFAULT_RECONNECT_MAX_ATTEMPTS);
            case "--max-message-bytes" -> bytes(ScenarioBuilder.DEFAULT_MAX_MESSAGE_BYTES);
            case "--seed" -> Long.toString(ScenarioBuilder.DEFAULT_SEED);
            case "--transport" -> ScenarioBuilder.DEFAULT_TRANSPORT.key();
            case "--content-type" -> ScenarioBuilder.DEFAULT_CONTENT_TYPE;
            case "--publish-connections" -> Integer.toString(ScenarioBuilder.DEFAULT_PUBLISH_CONNECTIONS);
            case "--publish-in-flight" -> Integer.toString(ScenarioBuilder.DEFAULT_PUBLISH_IN_FLIGHT);
            case "--drain" -> duration(ScenarioBuilder.DEFAULT_DRAIN);
            case "--start-tolerance" -> duration(ScenarioBuilder.DEFAULT_START_TOLERANCE);
            case "--subscribers", "--clients" -> switch (command) {
                case "connect-storm" -> Integer.toString(ConnectStormBuilder.DEFAULT_CLIENTS);
                case "reconnect-storm" -> Integer.toString(ReconnectStormBuilder.DEFAULT_CLIENTS);
                default -> Integer.toString(ScenarioBuilder.DEFAULT_SUBSCRIBERS);
            };
            case "--rate" -> switch (command) {
                case "broadcast" -> number(BroadcastBuilder.DEFAULT_RATE);
                case "reconnect-storm" -> number(ReconnectStormBuilder.DEFAULT_RATE);
                default -> null; // steady and slow-subscriber: per topic, said in the option's description
            };
            case "--duration" -> duration(command.equals("steady") ? SteadyBuilder.DEFAULT_DURATION
                    : ScenarioBuilder.DEFAULT_DURATION);
            case "--window" -> duration(SteadyBuilder.DEFAULT_WINDOW);
            case "--within" -> duration(ConnectStormBuilder.DEFAULT_WITHIN);
            case "--hold" -> duration(ConnectStormBuilder.DEFAULT_HOLD);
            case "--idle-before" -> duration(ConnectStormBuilder.DEFAULT_IDLE_BEFORE);
            case "--down" -> duration(ReconnectStormBuilder.DEFAULT_DOWN);
            case "--settle" -> duration(command.equals("capacity") ? CapacityBuilder.DEFAULT_SETTLE
                    : ReconnectStormBuilder.DEFAULT_SETTLE);
            case "--observe" -> duration(ReconnectStormBuilder.DEFAULT_OBSERVE);
            case "--stall-after" -> duration(SlowSubscriberBuilder.DEFAULT_STALL_AFTER);
            case "--stall-for" -> duration(SlowSubscriberBuilder.DEFAULT_STALL_FOR);
            case "--after" -> duration(SlowSubscriberBuilder.DEFAULT_AFTER);
            case "--slow-receive-buffer" -> bytes(SlowSubscriberBuilder.DEFAULT_RECEIVE_BUFFER_BYTES);
            case "--ramp" -> lower(CapacityBuilder.DEFAULT_RAMP);
            case "--step" -> Integer.toString(CapacityBuilder.DEFAULT_STEP);
            case "--step-every" -> duration(CapacityBuilder.DEFAULT_STEP_EVERY);
            case "--ramp-rate" -> Integer.toString(CapacityBuilder.DEFAULT_RAMP_RATE);
            case "--max-handshake-p99" -> duration(CapacityBuilder.DEFAULT_MAX_HANDSHAKE_P99);
            case "--max-error-rate" -> number(CapacityBuilder.DEFAULT_MAX_ERROR_RATE * 100) + "%";
            case "--limit" -> Integer.toString(CapacityBuilder.DEFAULT_LIMIT);
            default -> null;
        };
    }

    /** The default of {@code herd target}'s {@code flag}: the reference target's own. */
    static String target(String flag) {
        return switch (flag) {
            case "--bind" -> TargetConfig.DEFAULT_BIND;
            case "--port" -> Integer.toString(TargetConfig.DEFAULT_PORT);
            case "--slow-policy" -> lower(TargetConfig.DEFAULT_SLOW_POLICY);
            case "--max-queue-bytes" -> bytes(TargetConfig.DEFAULT_MAX_QUEUE_BYTES);
            case "--slow-timeout" -> duration(TargetConfig.DEFAULT_SLOW_TIMEOUT);
            case "--write-buffer-high" -> bytes(TargetConfig.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);
            case "--write-buffer-low" -> bytes(TargetConfig.DEFAULT_WRITE_BUFFER_LOW_WATER_MARK);
            case "--delay" -> duration(TargetConfig.DEFAULT_DELAY);
            case "--jitter" -> duration(TargetConfig.DEFAULT_JITTER);
            case "--replay-size" -> Integer.toString(TargetConfig.DEFAULT_REPLAY_SIZE);
            case "--sse-retry" -> duration(TargetConfig.DEFAULT_SSE_RETRY);
            case "--sse-heartbeat" -> duration(TargetConfig.DEFAULT_SSE_HEARTBEAT);
            case "--max-frame-bytes" -> bytes(TargetConfig.DEFAULT_MAX_FRAME_BYTES);
            case "--max-publish-bytes" -> bytes(TargetConfig.DEFAULT_MAX_PUBLISH_BYTES);
            case "--tls-provider" -> lower(TargetConfig.DEFAULT_TLS_PROVIDER);
            case "--tls-client-auth" -> lower(TargetConfig.DEFAULT_TLS_CLIENT_AUTH);
            case "--tls-versions" -> String.join(",", TargetConfig.DEFAULT_TLS_VERSIONS);
            default -> null;
        };
    }

    /** A duration as the duration converter reads it back: {@code 2s}, {@code 100ms}, {@code 1m}, {@code 0}. */
    public static String duration(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** A size as the size converter reads it back: {@code 1MiB}, {@code 64KiB}, or bytes. */
    public static String bytes(long n) {
        if (n > 0 && n % (1 << 30) == 0) {
            return n / (1 << 30) + "GiB";
        }
        if (n > 0 && n % (1 << 20) == 0) {
            return n / (1 << 20) + "MiB";
        }
        if (n > 0 && n % 1024 == 0) {
            return n / 1024 + "KiB";
        }
        return Long.toString(n);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
