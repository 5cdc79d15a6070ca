package dev.herd.engine.scenario;

import java.time.Duration;

/**
 * One step of a scenario's timeline. Stages run in order on the run's control thread; each ends by itself
 * (bounded in time) or when the run is aborted. Built-in scenarios add their own stages (disruptions,
 * stalls, sweeps) by implementing this interface against {@link StageContext}.
 */
public interface Stage {

    /** The stage's name as the console and the time series show it. */
    String name();

    /** Runs the stage; blocking is allowed (control thread), but every wait must be bounded. */
    void execute(StageContext ctx);

    /**
     * Opens the publishers (once), then subscribers on an open-model ramp.
     *
     * @param within spread the subscribers' first attempts evenly (or as a Poisson process) over this time
     * @param poisson Poisson arrivals instead of evenly spaced ones
     * @param maxHandshakesInFlight at most this many attempts in progress at once (0 = no cap)
     */
    record Connect(Duration within, boolean poisson, int maxHandshakesInFlight) implements Stage {
        @Override
        public String name() {
            return "connect";
        }

        @Override
        public void execute(StageContext ctx) {
            ctx.connect(this, ctx.subscribersNotStarted());
        }
    }

    /**
     * Publishes stamped messages at {@code ratePerSecond} (spread over the topics) for {@code duration}, then
     * waits up to {@code drain} for the last deliveries.
     */
    record Publish(double ratePerSecond, Duration duration, Duration drain) implements Stage {
        @Override
        public String name() {
            return "publish";
        }

        @Override
        public void execute(StageContext ctx) {
            ctx.publish(this);
        }
    }

    /** Holds the connections open for {@code duration}, sending nothing. */
    record Hold(Duration duration) implements Stage {
        @Override
        public String name() {
            return "hold";
        }

        @Override
        public void execute(StageContext ctx) {
            ctx.sleep(duration);
        }
    }
}
