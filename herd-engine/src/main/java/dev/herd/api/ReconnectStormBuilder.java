package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;
import java.time.Duration;
import java.util.List;

/**
 * {@code reconnect-storm}: clients connected and receiving, then a disruption at t0 (the target restarts, herd drops
 * every connection, or a command of the user's), and how they come back: recovery times, attempts per client, the
 * thundering herd, messages lost ({@code reconnect_storm} in summary.json).
 *
 * <pre>{@code
 * Herd.reconnectStorm().url("ws://127.0.0.1:8080/ws/{topic}").clients(2000).disruptCommand("systemctl restart chat")
 *         .run();
 * }</pre>
 */
public final class ReconnectStormBuilder extends ScenarioBuilder<ReconnectStormBuilder> {

    public static final int DEFAULT_CLIENTS = 1000;
    /** Messages a second before, during and after the storm: enough to see losses, light on a large fleet. */
    public static final double DEFAULT_RATE = 10;
    /** How long a restarted reference target refuses connections. */
    public static final Duration DEFAULT_DOWN = Duration.ofSeconds(2);
    /** A disruption command is killed after this. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** Messages flow this long before the disruption. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** The longest wait for every lost client to be back. */
    public static final Duration DEFAULT_OBSERVE = Duration.ofSeconds(30);
    /** Publishing goes on this long after the observation, so "after" is measured too. */
    public static final Duration DEFAULT_RUN_ON = Duration.ofSeconds(1);
    /** Real clients back off; immediate reconnects show what happens when they don't. */
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.EXPONENTIAL;

    private Disrupt disrupt;
    private Duration down = DEFAULT_DOWN;
    private String command;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration settle = DEFAULT_SETTLE;
    private Duration observe = DEFAULT_OBSERVE;
    private Duration runOn = DEFAULT_RUN_ON;

    ReconnectStormBuilder() {
        super("reconnect-storm");
        subscribers = DEFAULT_CLIENTS;
    }

    public ReconnectStormBuilder clients(int count) {
        this.subscribers = count;
        return this;
    }

    /** The disruption (default: a target restart, or the command when one is given). */
    public ReconnectStormBuilder disrupt(Disrupt kind) {
        this.disrupt = kind;
        return this;
    }

    public ReconnectStormBuilder down(Duration refuseFor) {
        this.down = refuseFor;
        return this;
    }

    /** Disrupts by running this command once with /bin/sh -c; its exit status is recorded. */
    public ReconnectStormBuilder disruptCommand(String shellCommand) {
        this.command = shellCommand;
        return this;
    }

    public ReconnectStormBuilder commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    public ReconnectStormBuilder settle(Duration before) {
        this.settle = before;
        return this;
    }

    public ReconnectStormBuilder observe(Duration atMost) {
        this.observe = atMost;
        return this;
    }

    public ReconnectStormBuilder runOn(Duration after) {
        this.runOn = after;
        return this;
    }

    @Override
    protected List<Stage> builtInTimeline() {
        check(reconnectKind() != Reconnect.NONE, "clients.reconnect.policy", "a reconnect storm needs clients that "
                + "reconnect: use --reconnect immediate or exponential (YAML: clients.reconnect.policy)");
        double r = rateOr(DEFAULT_RATE);
        Disruption disruption = disruption();
        check(!observe.isZero(), "reconnect_storm.observe", "observe (--observe) must be longer than 0");
        try {
            return List.of(new ReconnectStormStage(connectStage(), r, disruption, settle, observe, runOn, drain));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("reconnect_storm", "reconnect storm: " + e.getMessage());
        }
    }

    private Disruption disruption() {
        Disrupt kind = disrupt != null ? disrupt : command != null ? Disrupt.COMMAND : Disrupt.TARGET_RESTART;
        check(kind != Disrupt.COMMAND || (command != null && !command.isBlank()), "reconnect_storm.command",
                "disrupt command needs the command to run (--disrupt-cmd '...', YAML: command)");
        check(kind == Disrupt.COMMAND || command == null, "reconnect_storm.command", "a disruption command "
                + "(--disrupt-cmd, YAML: command) and disrupt " + kind.key() + " exclude each other; give one");
        try {
            return switch (kind) {
                case TARGET_RESTART -> new Disruption.TargetRestart(down);
                case CLIENT_DROP -> new Disruption.ClientDrop();
                case COMMAND -> new Disruption.Command(command, commandTimeout);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("reconnect_storm", e.getMessage());
        }
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }
}
