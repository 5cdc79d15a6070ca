package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reconnect storm's own settings ({@code --disrupt}, {@code --down}, {@code --disrupt-cmd}, {@code --settle},
 * {@code --observe}; YAML {@code reconnect_storm:}), with their defaults, turned into the engine's stage.
 *
 * <pre>{@code
 * ReconnectStormSettings r = settings.reconnectStorm;
 * r.disrupt = ReconnectStormSettings.Disrupt.CLIENT_DROP;
 * ReconnectStormStage stage = r.stage(connect, 10, Duration.ofSeconds(3));
 * }</pre>
 */
public final class ReconnectStormSettings {

    /** Messages per second published when no rate is given: enough to see losses, light on a large fleet. */
    public static final double DEFAULT_RATE = 10;

    /** The disruptions by their names on the command line and in YAML. */
    public enum Disrupt {
        TARGET_RESTART("target-restart"), CLIENT_DROP("client-drop"), COMMAND("command");

        private final String key;

        Disrupt(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** Every disruption by its name, in order. */
        public static Map<String, Disrupt> byKey() {
            Map<String, Disrupt> map = new LinkedHashMap<>();
            for (Disrupt d : values()) {
                map.put(d.key, d);
            }
            return map;
        }

        /** The disruption named {@code key}; a usage error naming the choices otherwise. */
        public static Disrupt parse(String key, String field) {
            Disrupt d = byKey().get(key);
            if (d == null) {
                throw new UsageException(field + ": '" + key + "' is not one of " + String.join(", ", byKey().keySet()));
            }
            return d;
        }
    }

    /** Null: a command disruption when a command is given, else a target restart. */
    public Disrupt disrupt;
    public Duration down = Duration.ofSeconds(2);
    public String command;
    public Duration commandTimeout = Duration.ofSeconds(60);
    public Duration settle = Duration.ofSeconds(2);
    public Duration observe = Duration.ofSeconds(30);
    /** Publishing goes on this long after the observation, so "after" is measured too. */
    public Duration runOn = Duration.ofSeconds(1);

    /** The disruption these settings ask for. */
    public Disruption disruption() {
        Disrupt kind = disrupt != null ? disrupt : command != null ? Disrupt.COMMAND : Disrupt.TARGET_RESTART;
        if (kind == Disrupt.COMMAND && (command == null || command.isBlank())) {
            throw new UsageException("disrupt command needs the command to run (--disrupt-cmd '...', YAML: command)");
        }
        if (kind != Disrupt.COMMAND && command != null) {
            throw new UsageException("a disruption command (--disrupt-cmd, YAML: command) and disrupt " + kind.key
                    + " exclude each other; give one");
        }
        try {
            return switch (kind) {
                case TARGET_RESTART -> new Disruption.TargetRestart(down);
                case CLIENT_DROP -> new Disruption.ClientDrop();
                case COMMAND -> new Disruption.Command(command, commandTimeout);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The storm's stage: subscribers connect by {@code connect}, {@code rate} messages/s flow throughout. */
    public ReconnectStormStage stage(Stage.Connect connect, double rate, Duration drain) {
        Disruption disruption = disruption();
        if (observe.isZero()) {
            throw new UsageException("observe (--observe) must be longer than 0");
        }
        try {
            return new ReconnectStormStage(connect, rate, disruption, settle, observe, runOn, drain);
        } catch (IllegalArgumentException e) {
            throw new UsageException("reconnect storm: " + e.getMessage());
        }
    }
}
