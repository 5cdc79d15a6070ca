package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.fanout.FanoutSweepStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code broadcast}: N subscribers over T topics, one publisher stream of R messages a second spread over the topics,
 * every delivery accounted for; with a {@linkplain #sweep sweep}, the publish stage at each subscriber count in turn
 * and the fan-out curve ({@code fanout} in summary.json).
 *
 * <pre>{@code
 * RunResult r = Herd.broadcast().url("ws://127.0.0.1:8080/ws/{topic}").subscribers(1000).topics(10).rate(500)
 *         .duration(Duration.ofSeconds(30)).run();
 * }</pre>
 */
public final class BroadcastBuilder extends ScenarioBuilder<BroadcastBuilder> {

    /** Messages a second, all topics together. */
    public static final double DEFAULT_RATE = 100;
    /** Clients that lose their connection come back with full-jitter backoff, as real ones do. */
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.EXPONENTIAL;

    private List<Integer> sweep = new ArrayList<>();

    BroadcastBuilder() {
        super("broadcast");
    }

    /** Runs the publish stage at each of these subscriber counts, increasing (the subscriber count is then ignored). */
    public BroadcastBuilder sweep(List<Integer> subscriberCounts) {
        this.sweep = new ArrayList<>(subscriberCounts);
        return this;
    }

    /** The sweep's subscriber counts, empty when this broadcast is no sweep. */
    public List<Integer> sweepCounts() {
        return List.copyOf(sweep);
    }

    /** True when this broadcast is a fan-out sweep. */
    public boolean sweeps() {
        return !sweep.isEmpty();
    }

    @Override
    protected List<Stage> builtInTimeline() {
        double r = rateOr(DEFAULT_RATE);
        Duration d = durationOr(DEFAULT_DURATION);
        if (!sweep.isEmpty()) {
            // The sweep adds subscribers step by step: the run starts with none.
            subscribers = 0;
            try {
                return List.of(new FanoutSweepStage(sweep, connectStage(), r, d, drain));
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("sweep", "sweep (--sweep): " + e.getMessage());
            }
        }
        return connectThen(new Stage.Publish(r, d, drain));
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }

    @Override
    protected void applySlice(Slice s) {
        if (rate == null) {
            rate = DEFAULT_RATE; // each slice publishes its share of the run's rate
        }
        List<Integer> sliced = new ArrayList<>(sweep.size());
        for (int n : sweep) {
            sliced.add(s.byTopics(topics) ? s.subscribersOfTopics(n, topics) : s.evenShare(n));
        }
        sweep = sliced;
        sliceClientsAndTopics(s);
    }
}
