package dev.herd.engine.scenario.fanout;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.scenario.PhaseFigures;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The fan-out sweep: the same publish stage at growing subscriber counts (e.g. 10, 100, 1000, 10000), adding
 * subscribers between steps, to draw how latency grows as one publish reaches N subscribers. Each step's
 * latency, deliveries per second and losses are measured on that step alone. Writes the {@code fanout}
 * section.
 *
 * @param subscriberCounts the subscriber count of each step, increasing
 * @param connect how each step's new subscribers connect
 * @param ratePerSecond the publish rate of every step
 * @param duration how long each step publishes
 * @param drain how long each step waits for its last deliveries
 */
public record FanoutSweepStage(List<Integer> subscriberCounts, Stage.Connect connect, double ratePerSecond,
                               Duration duration, Duration drain) implements PublishingStage {

    public FanoutSweepStage {
        subscriberCounts = List.copyOf(subscriberCounts);
        for (int i = 0; i < subscriberCounts.size(); i++) {
            if (subscriberCounts.get(i) < 1 || (i > 0 && subscriberCounts.get(i) <= subscriberCounts.get(i - 1))) {
                throw new IllegalArgumentException("sweep subscriber counts must be positive and increasing: "
                        + subscriberCounts);
            }
        }
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public void execute(StageContext ctx) {
        int topics = ctx.scenario().topics();
        List<StepWindow> steps = new ArrayList<>();
        for (int step = 0; step < subscriberCounts.size() && !ctx.aborted(); step++) {
            int n = subscriberCounts.get(step);
            ctx.stage("sweep " + n);
            int have = ctx.subscribers().size();
            List<ClientSession> fresh = new ArrayList<>(ctx.subscribersNotStarted());
            if (have < n) {
                fresh.addAll(ctx.addSubscribers(n - have));
            }
            ctx.targetConnections(n);
            ctx.connect(connect, fresh);
            long[] from = new long[topics];
            for (int t = 0; t < topics; t++) {
                from[t] = ctx.ledger(t).sent();
            }
            Histogram before = ctx.totalNow(HistogramId.LATENCY);
            ctx.publish(new Stage.Publish(ratePerSecond, duration, drain));
            Histogram after = ctx.totalNow(HistogramId.LATENCY);
            long[] to = new long[topics];
            for (int t = 0; t < topics; t++) {
                to[t] = ctx.ledger(t).sent();
            }
            steps.add(new StepWindow(n, from, to, PhaseFigures.between(before, after)));
        }
        double seconds = duration.toNanos() / 1e9;
        ctx.afterAccounting(accounting -> ctx.section("fanout", FanoutSection.of(steps, accounting, seconds)));
    }

    /** One step's subscriber count, the sequence numbers it published per topic, and its latency. */
    record StepWindow(int subscribers, long[] fromSeq, long[] toSeq, PhaseFigures latency) {
    }
}
