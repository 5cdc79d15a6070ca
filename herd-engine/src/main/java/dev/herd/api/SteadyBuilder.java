package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.steady.SteadyStage;
import java.time.Duration;
import java.util.List;

/**
 * {@code steady}: clients held for a long time at a light steady rate, latency, drops and reconnects reported per
 * window ({@code steady} in summary.json).
 *
 * <pre>{@code
 * Herd.steady().url("ws://127.0.0.1:8080/ws/{topic}").clients(5000).duration(Duration.ofMinutes(10)).run();
 * }</pre>
 */
public final class SteadyBuilder extends ScenarioBuilder<SteadyBuilder> {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.EXPONENTIAL;

    private Duration window = DEFAULT_WINDOW;

    SteadyBuilder() {
        super("steady");
    }

    /** Subscriber clients to hold open. */
    public SteadyBuilder clients(int count) {
        this.subscribers = count;
        return this;
    }

    /** Report latency, drops and reconnects per window of this length. */
    public SteadyBuilder window(Duration length) {
        this.window = length;
        return this;
    }

    @Override
    protected List<Stage> builtInTimeline() {
        double r = rateOr(topics);
        check(!window.isZero() && !window.isNegative(), "steady.window", "window (--window) must be longer than 0");
        return connectThen(new SteadyStage(r, durationOr(DEFAULT_DURATION), window, drain));
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }

    @Override
    protected void applySlice(Slice s) {
        sliceClientsAndTopics(s);
    }
}
