package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.capacity.CapacityStage;
import java.time.Duration;
import java.util.List;

/**
 * {@code capacity}: connections added in steps (or continuously) until something breaks (handshake p99, error rate,
 * drops) or the limit is reached: how many the target held, and the first failure mode ({@code capacity} in
 * summary.json).
 *
 * <pre>{@code
 * Herd.capacity().url("ws://127.0.0.1:8080/ws/{topic}").step(500).maxHandshakeP99(Duration.ofMillis(200)).run();
 * }</pre>
 */
public final class CapacityBuilder extends ScenarioBuilder<CapacityBuilder> {

    /** Steps of connections, or a continuous ramp. */
    public enum Ramp { STEPS, CONTINUOUS }

    public static final Ramp DEFAULT_RAMP = Ramp.STEPS;
    public static final int DEFAULT_STEP = 500;
    public static final Duration DEFAULT_STEP_EVERY = Duration.ofSeconds(2);
    public static final int DEFAULT_RAMP_RATE = 200;
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_HANDSHAKE_P99 = Duration.ofSeconds(1);
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
    /** One process holds about 19,900 connections under a 20,000 file-descriptor limit. */
    public static final int DEFAULT_LIMIT = 10_000;
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.NONE;

    private Ramp ramp = DEFAULT_RAMP;
    private int step = DEFAULT_STEP;
    private Duration stepEvery = DEFAULT_STEP_EVERY;
    private int rampRate = DEFAULT_RAMP_RATE;
    private Duration settle = DEFAULT_SETTLE;
    private Duration maxHandshakeP99 = DEFAULT_MAX_HANDSHAKE_P99;
    private double maxErrorRate = DEFAULT_MAX_ERROR_RATE;
    private int limit = DEFAULT_LIMIT;

    CapacityBuilder() {
        super("capacity");
    }

    public CapacityBuilder ramp(Ramp how) {
        this.ramp = how;
        return this;
    }

    /** Connections added per step. */
    public CapacityBuilder step(int connections) {
        this.step = connections;
        return this;
    }

    /** The window each step's connections arrive in. */
    public CapacityBuilder stepEvery(Duration window) {
        this.stepEvery = window;
        return this;
    }

    /** New connections a second with a continuous ramp. */
    public CapacityBuilder rampRate(int connectionsPerSecond) {
        this.rampRate = connectionsPerSecond;
        return this;
    }

    /** Hold each step this long before judging it. */
    public CapacityBuilder settle(Duration hold) {
        this.settle = hold;
        return this;
    }

    /** Stop when a step's connect p99 exceeds this. */
    public CapacityBuilder maxHandshakeP99(Duration p99) {
        this.maxHandshakeP99 = p99;
        return this;
    }

    /** Stop when more than this share of a step's attempts fail (0.01 is 1%). */
    public CapacityBuilder maxErrorRate(double fraction) {
        this.maxErrorRate = fraction;
        return this;
    }

    /** Stop at this many connections even if nothing broke. */
    public CapacityBuilder limit(int connections) {
        this.limit = connections;
        return this;
    }

    @Override
    protected List<Stage> builtInTimeline() {
        check(step >= 1, "capacity.step", "step (--step) must be at least 1");
        check(limit >= 1, "capacity.limit", "limit (--limit) must be at least 1");
        check(rampRate >= 1, "capacity.rate", "rate (--ramp-rate) must be at least 1");
        check(!stepEvery.isZero(), "capacity.step_every", "step_every (--step-every) must be longer than 0");
        check(!maxHandshakeP99.isZero(), "capacity.max_handshake_p99",
                "max_handshake_p99 (--max-handshake-p99) must be longer than 0");
        subscribers = 0;
        boolean continuous = ramp == Ramp.CONTINUOUS;
        return List.of(new CapacityStage(continuous ? rampRate : step, continuous ? Duration.ofSeconds(1) : stepEvery,
                settle, maxHandshakeP99, maxErrorRate, limit, continuous));
    }

    @Override
    protected boolean publishesByDefault() {
        return false;
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }
}
